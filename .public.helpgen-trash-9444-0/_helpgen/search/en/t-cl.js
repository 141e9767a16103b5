helpgenSearch.t("cl",{"v":{"click":"click"},"p":{"click":[1,139,2,139]}});
