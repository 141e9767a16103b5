helpgenSearch.t("ot",{"v":{"others":"other"},"p":{"other":[3,134]}});
