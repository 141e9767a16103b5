helpgenSearch.t("nu",{"v":{"number":"number","numbers":"number"},"p":{"number":[2,270,1,152]}});
