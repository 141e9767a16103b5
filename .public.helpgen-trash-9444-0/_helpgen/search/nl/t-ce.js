helpgenSearch.t("ce",{"v":{"centraal":"central","centre":"centr"},"p":{"centr":[2,195],"central":[2,195]}});
