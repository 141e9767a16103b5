helpgenSearch.t("hi",{"v":{"hidden":"hidden","higher":"higher"},"p":{"hidden":[3,562],"higher":[2,134]}});
