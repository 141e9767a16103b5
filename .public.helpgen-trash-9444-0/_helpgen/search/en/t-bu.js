helpgenSearch.t("bu",{"v":{"bundle":"bundl","bundles":"bundl","buy":"buy"},"p":{"bundl":[2,139,3,139],"buy":[2,235,1,139]}});
