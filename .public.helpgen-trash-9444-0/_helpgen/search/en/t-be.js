helpgenSearch.t("be",{"v":{"belong":"belong","besides":"besid"},"p":{"belong":[3,195],"besid":[2,195]}});
