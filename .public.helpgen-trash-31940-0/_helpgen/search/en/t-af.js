helpgenSearch.t("af",{"v":{"affects":"affect"},"p":{"affect":[4,134]}});
