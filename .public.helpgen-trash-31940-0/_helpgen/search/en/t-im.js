helpgenSearch.t("im",{"v":{"import":"import","important":"import","imports":"import"},"p":{"import":[4,265,1,201,2,63,5,63]}});
