helpgenSearch.t("zo",{"v":{"zoals":"zoal","zoekindex":"zoekindex"},"p":{"zoal":[4,219,2,155,3,92,5,92],"zoekindex":[4,195]}});
