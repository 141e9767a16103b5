helpgenSearch.t("af",{"v":{"af":"af","afgeronde":"afgerond","afgezet":"afgezet"},"p":{"af":[2,195],"afgerond":[2,195],"afgezet":[2,195]}});
