helpgenSearch.t("or",{"v":{"organisatie":"organisatie"},"p":{"organisatie":[2,134]}});
