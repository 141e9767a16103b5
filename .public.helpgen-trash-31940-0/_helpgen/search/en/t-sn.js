helpgenSearch.t("sn",{"v":{"snapshot":"snapshot"},"p":{"snapshot":[3,134]}});
