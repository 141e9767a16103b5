helpgenSearch.t("bu",{"v":{"bundle":"bundl","bundles":"bundl","buy":"buy"},"p":{"bundl":[2,96,3,96],"buy":[2,152,1,96]}});
