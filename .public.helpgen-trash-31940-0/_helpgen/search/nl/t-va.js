helpgenSearch.t("va",{"v":{"vat":"vat"},"p":{"vat":[2,134]}});
