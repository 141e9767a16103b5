helpgenSearch.t("gr",{"v":{"grants":"grant","grows":"grow"},"p":{"grant":[3,134],"grow":[2,134]}});
