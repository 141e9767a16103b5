helpgenSearch.t("ri",{"v":{"right":"right"},"p":{"right":[1,76,2,76,5,76]}});
