helpgenSearch.t("du",{"v":{"dutch":"dutch"},"p":{"dutch":[5,562]}});
