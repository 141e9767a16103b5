helpgenSearch.t("kl",{"v":{"klaar":"klar","klantencentrum":"klantencentrum","klik":"klik","kloppen":"klopp"},"p":{"klantencentrum":[2,195],"klar":[4,195],"klik":[1,139,2,139],"klopp":[1,195]}});
