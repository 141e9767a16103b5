helpgenSearch.t("an",{"v":{"another":"anoth"},"p":{"anoth":[2,134]}});
