helpgenSearch.t("ri",{"v":{"right":"right"},"p":{"right":[1,110,2,110,5,110]}});
