helpgenSearch.t("ap",{"v":{"appears":"appear","applies":"appli","apply":"appli"},"p":{"appear":[2,96,3,96],"appli":[2,96,3,96]}});
