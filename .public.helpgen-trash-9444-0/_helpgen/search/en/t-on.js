helpgenSearch.t("on",{"v":{"one":"one","online":"onlin"},"p":{"one":[2,235,3,235],"onlin":[2,195]}});
