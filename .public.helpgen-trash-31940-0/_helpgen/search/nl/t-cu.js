helpgenSearch.t("cu",{"v":{"customer":"customer"},"p":{"customer":[2,134]}});
