helpgenSearch.t("ee",{"v":{},"p":{"een":[2,235,3,139]}});
