helpgenSearch.t("as",{"v":{"assign":"assign"},"p":{"assign":[1,96,2,96]}});
