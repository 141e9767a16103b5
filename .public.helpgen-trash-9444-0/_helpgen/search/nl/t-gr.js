helpgenSearch.t("gr",{"v":{"grants":"grant","grenzen":"grenz","groeit":"groeit"},"p":{"grant":[3,195],"grenz":[2,195],"groeit":[2,195]}});
