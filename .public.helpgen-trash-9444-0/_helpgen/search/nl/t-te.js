helpgenSearch.t("te",{"v":{"tekstindexering":"tekstindexer","ten":"ten","terug":"terug"},"p":{"tekstindexer":[4,408],"ten":[3,195],"terug":[1,195]}});
