helpgenSearch.t("ty",{"v":{"type":"typ"},"p":{"typ":[2,96,4,96]}});
