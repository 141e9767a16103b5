helpgenSearch.t("im",{"v":{"import":"import","important":"import","imports":"import"},"p":{"import":[4,219,1,92,2,92,5,92]}});
