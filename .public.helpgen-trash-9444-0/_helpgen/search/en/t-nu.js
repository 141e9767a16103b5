helpgenSearch.t("nu",{"v":{"number":"number","numbers":"number"},"p":{"number":[2,387,1,235]}});
