helpgenSearch.t("la",{"v":{"language":"languag"},"p":{"languag":[5,214]}});
