helpgenSearch.t("pr",{"v":{"premium":"premium","projecten":"project"},"p":{"premium":[3,307,2,186,5,110],"project":[2,195]}});
