helpgenSearch.t("ce",{"v":{"centraal":"central","centre":"centr"},"p":{"centr":[2,134],"central":[2,134]}});
