helpgenSearch.t("pr",{"v":{"premium":"premium","projecten":"project"},"p":{"premium":[3,361,2,121,5,76],"project":[2,134]}});
