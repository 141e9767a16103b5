helpgenSearch.t("we",{"v":{"web":"web","welke":"welk","welkom":"welkom"},"p":{"web":[3,235,2,139],"welk":[3,231,2,110,5,110],"welkom":[5,722]}});
