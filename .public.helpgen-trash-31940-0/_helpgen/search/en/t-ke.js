helpgenSearch.t("ke",{"v":{"keep":"keep"},"p":{"keep":[3,134]}});
