helpgenSearch.t("ap",{"v":{"appears":"appear","applies":"appli","apply":"appli"},"p":{"appear":[2,139,3,139],"appli":[2,139,3,139]}});
