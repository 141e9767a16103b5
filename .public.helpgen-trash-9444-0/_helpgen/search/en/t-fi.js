helpgenSearch.t("fi",{"v":{"find":"find","finished":"finish"},"p":{"find":[2,139,4,139],"finish":[4,235,2,139]}});
