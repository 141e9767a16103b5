helpgenSearch.t("pu",{"v":{"purchase":"purchas"},"p":{"purchas":[1,134]}});
