helpgenSearch.t("bo",{"v":{"bought":"bought"},"p":{"bought":[2,214]}});
