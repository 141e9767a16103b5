helpgenSearch.t("zo",{"v":{"zoals":"zoal","zodra":"zodra","zoekindex":"zoekindex"},"p":{"zoal":[4,265,2,101,3,63,5,63],"zodra":[2,134],"zoekindex":[4,134]}});
