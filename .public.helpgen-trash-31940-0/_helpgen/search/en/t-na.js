helpgenSearch.t("na",{"v":{"name":"name","navigation":"navig"},"p":{"name":[2,121,3,76,4,76],"navig":[5,134]}});
