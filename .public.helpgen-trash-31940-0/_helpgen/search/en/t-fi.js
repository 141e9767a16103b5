helpgenSearch.t("fi",{"v":{"find":"find","finished":"finish"},"p":{"find":[2,96,4,96],"finish":[4,152,2,96]}});
