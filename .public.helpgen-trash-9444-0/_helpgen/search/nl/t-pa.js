helpgenSearch.t("pa",{"v":{"pagina":"pagina"},"p":{"pagina":[5,195]}});
