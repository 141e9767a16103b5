helpgenSearch.t("pa",{"v":{"page":"page","pages":"page","part":"part"},"p":{"page":[5,605],"part":[2,134]}});
