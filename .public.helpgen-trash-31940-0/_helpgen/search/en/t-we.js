helpgenSearch.t("we",{"v":{"web":"web","welcome":"welcom"},"p":{"web":[3,152,2,96],"welcom":[5,1010]}});
