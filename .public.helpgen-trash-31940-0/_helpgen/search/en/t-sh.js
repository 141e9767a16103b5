helpgenSearch.t("sh",{"v":{"short":"short","shown":"shown","shows":"show"},"p":{"short":[4,134],"show":[2,456,5,152],"shown":[2,134]}});
