helpgenSearch.t("te",{"v":{"tekstindexering":"tekstindexer","telt":"telt","ten":"ten","terug":"terug"},"p":{"tekstindexer":[4,506],"telt":[2,134],"ten":[3,134],"terug":[1,134]}});
