helpgenSearch.t("la",{"v":{"laat":"lat"},"p":{"lat":[2,360,5,96]}});
