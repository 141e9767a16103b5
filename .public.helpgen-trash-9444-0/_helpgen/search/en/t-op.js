helpgenSearch.t("op",{"v":{"open":"open"},"p":{"open":[1,110,2,110,5,110]}});
