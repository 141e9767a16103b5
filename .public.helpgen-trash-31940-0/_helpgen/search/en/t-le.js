helpgenSearch.t("le",{"v":{"lets":"let"},"p":{"let":[5,134]}});
