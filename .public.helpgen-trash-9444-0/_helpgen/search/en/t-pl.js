helpgenSearch.t("pl",{"v":{"plan":"plan","plans":"plan","plus":"plus"},"p":{"plan":[3,400,2,293,0,155,5,155],"plus":[3,195]}});
