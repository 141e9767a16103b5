helpgenSearch.t("cu",{"v":{"customer":"custom"},"p":{"custom":[2,214]}});
