helpgenSearch.t("ce",{"v":{"central":"central","centre":"centr"},"p":{"centr":[2,329],"central":[2,195]}});
