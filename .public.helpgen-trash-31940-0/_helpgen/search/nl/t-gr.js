helpgenSearch.t("gr",{"v":{"grants":"grant","grenzen":"grenz","groeit":"groeit"},"p":{"grant":[3,134],"grenz":[2,134],"groeit":[2,134]}});
