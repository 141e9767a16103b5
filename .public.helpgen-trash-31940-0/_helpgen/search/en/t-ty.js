helpgenSearch.t("ty",{"v":{"type":"type"},"p":{"type":[2,96,4,96]}});
