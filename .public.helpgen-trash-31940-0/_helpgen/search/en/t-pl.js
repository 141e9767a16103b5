helpgenSearch.t("pl",{"v":{"plan":"plan","plans":"plan","plus":"plus"},"p":{"plan":[3,734,2,348,0,101,5,101],"plus":[3,134]}});
