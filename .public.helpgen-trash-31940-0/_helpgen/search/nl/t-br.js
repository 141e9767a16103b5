helpgenSearch.t("br",{"v":{"browser":"browser"},"p":{"browser":[2,134]}});
