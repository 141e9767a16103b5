helpgenSearch.t("we",{"v":{"web":"web","welke":"welk","welkom":"welkom"},"p":{"web":[3,152,2,96],"welk":[3,286,2,76,5,76],"welkom":[5,1010]}});
