helpgenSearch.t("ee",{"v":{},"p":{"een":[2,152,3,96]}});
