helpgenSearch.t("ty",{"v":{"type":"typ"},"p":{"typ":[2,139,4,139]}});
