helpgenSearch.t("be",{"v":{"belong":"belong","besides":"besid"},"p":{"belong":[3,134],"besid":[2,134]}});
