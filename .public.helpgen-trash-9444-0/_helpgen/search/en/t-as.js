helpgenSearch.t("as",{"v":{"assign":"assign"},"p":{"assign":[1,195]}});
