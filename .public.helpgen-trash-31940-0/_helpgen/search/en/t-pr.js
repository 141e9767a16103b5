helpgenSearch.t("pr",{"v":{"premium":"premium","projects":"project"},"p":{"premium":[3,361,2,121,5,76],"project":[2,134]}});
