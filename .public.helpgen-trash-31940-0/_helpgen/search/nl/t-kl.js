helpgenSearch.t("kl",{"v":{"klaar":"klar","klantencentrum":"klantencentrum","klik":"klik","kloppen":"klopp"},"p":{"klantencentrum":[2,134],"klar":[4,134],"klik":[1,96,2,96],"klopp":[1,134]}});
