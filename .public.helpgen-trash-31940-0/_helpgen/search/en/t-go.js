helpgenSearch.t("go",{"v":{"goes":"goe"},"p":{"goe":[2,134]}});
