helpgenSearch.t("la",{"v":{"laat":"lat"},"p":{"lat":[2,291,5,139]}});
