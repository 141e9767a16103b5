helpgenSearch.t("on",{"v":{"one":"one","online":"onlin"},"p":{"one":[2,152,3,152],"onlin":[2,134]}});
