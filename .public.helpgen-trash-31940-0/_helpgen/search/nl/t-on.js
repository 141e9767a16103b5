helpgenSearch.t("on",{"v":{"onderdeel":"onderdel","onderhoud":"onderhoud","online":"onlin"},"p":{"onderdel":[2,134],"onderhoud":[2,401,1,96],"onlin":[2,134]}});
