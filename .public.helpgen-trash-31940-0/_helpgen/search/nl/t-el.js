helpgenSearch.t("el",{"v":{"elke":"elk"},"p":{"elk":[2,134]}});
