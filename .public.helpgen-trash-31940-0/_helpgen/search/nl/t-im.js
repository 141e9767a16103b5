helpgenSearch.t("im",{"v":{"import":"import","imports":"import"},"p":{"import":[4,317,2,76,5,76]}});
