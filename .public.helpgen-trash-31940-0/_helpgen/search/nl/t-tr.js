helpgenSearch.t("tr",{"v":{"true":"true"},"p":{"true":[3,134]}});
