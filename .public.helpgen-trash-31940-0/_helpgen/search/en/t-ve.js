helpgenSearch.t("ve",{"v":{"vendor":"vendor"},"p":{"vendor":[2,214]}});
