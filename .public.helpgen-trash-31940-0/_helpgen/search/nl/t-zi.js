helpgenSearch.t("zi",{"v":{"zie":"zie","zien":"zien","ziet":"ziet"},"p":{"zie":[2,134],"zien":[2,360,5,96],"ziet":[2,223,3,96]}});
