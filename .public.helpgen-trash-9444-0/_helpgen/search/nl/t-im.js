helpgenSearch.t("im",{"v":{"import":"import","important":"important","imports":"import"},"p":{"import":[4,262,2,110,5,110],"important":[1,195]}});
