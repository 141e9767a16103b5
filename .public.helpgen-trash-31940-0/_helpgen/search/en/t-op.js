helpgenSearch.t("op",{"v":{"open":"open"},"p":{"open":[1,76,2,76,5,76]}});
