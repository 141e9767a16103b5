helpgenSearch.t("we",{"v":{"web":"web","welcome":"welcom"},"p":{"web":[3,235,2,139],"welcom":[5,722]}});
