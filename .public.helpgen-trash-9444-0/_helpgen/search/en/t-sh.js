helpgenSearch.t("sh",{"v":{"short":"short","shown":"shown","shows":"show"},"p":{"short":[4,195],"show":[2,387,5,235],"shown":[2,195]}});
