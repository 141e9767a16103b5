helpgenSearch.t("fa",{"v":{"failed":"fail"},"p":{"fail":[4,134]}});
