helpgenSearch.t("cl",{"v":{"click":"click"},"p":{"click":[1,96,2,96]}});
