helpgenSearch.t("na",{"v":{"name":"name","navigation":"navig"},"p":{"name":[2,186,3,110,4,110],"navig":[5,195]}});
