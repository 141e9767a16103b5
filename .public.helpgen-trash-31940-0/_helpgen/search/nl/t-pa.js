helpgenSearch.t("pa",{"v":{"pagina":"pagina","pas":"pas"},"p":{"pagina":[5,134],"pas":[2,134]}});
