helpgenSearch.t("af",{"v":{"af":"af","afgeronde":"afgerond","afgezet":"afgezet"},"p":{"af":[2,134],"afgerond":[2,134],"afgezet":[2,134]}});
