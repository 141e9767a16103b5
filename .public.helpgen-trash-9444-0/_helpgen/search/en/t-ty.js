helpgenSearch.t("ty",{"v":{"type":"type"},"p":{"type":[2,139,4,139]}});
