helpgenSearch.t("gr",{"v":{"grants":"grant","grows":"grow"},"p":{"grant":[3,195],"grow":[2,195]}});
