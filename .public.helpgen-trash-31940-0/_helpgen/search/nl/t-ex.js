helpgenSearch.t("ex",{"v":{"extra":"extra"},"p":{"extra":[1,134]}});
