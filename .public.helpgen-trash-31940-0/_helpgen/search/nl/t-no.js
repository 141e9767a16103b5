helpgenSearch.t("no",{"v":{"nodig":"nodig"},"p":{"nodig":[2,134]}});
