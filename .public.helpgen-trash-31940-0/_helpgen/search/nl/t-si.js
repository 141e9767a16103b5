helpgenSearch.t("si",{"v":{"site":"sit"},"p":{"sit":[2,134]}});
