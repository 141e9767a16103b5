helpgenSearch.t("on",{"v":{"onderdeel":"onderdel","onderhoud":"onderhoud","online":"onlin"},"p":{"onderdel":[2,195],"onderhoud":[2,331,1,139],"onlin":[2,195]}});
