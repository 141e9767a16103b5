helpgenSearch.t("sw",{"v":{"switcher":"switcher"},"p":{"switcher":[5,214]}});
