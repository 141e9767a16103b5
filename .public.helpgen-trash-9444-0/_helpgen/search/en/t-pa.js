helpgenSearch.t("pa",{"v":{"page":"page","pages":"page","part":"part"},"p":{"page":[5,508],"part":[2,195]}});
