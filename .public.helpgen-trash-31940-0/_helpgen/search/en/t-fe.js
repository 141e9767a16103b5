helpgenSearch.t("fe",{"v":{"fetch":"fetch","fetched":"fetch","fetches":"fetch"},"p":{"fetch":[1,456,5,96]}});
