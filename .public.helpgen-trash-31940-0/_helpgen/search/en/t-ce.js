helpgenSearch.t("ce",{"v":{"central":"central","centre":"centr"},"p":{"centr":[2,214],"central":[2,134]}});
