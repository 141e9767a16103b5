helpgenSearch.t("he",{"v":{"hebt":"hebt","hele":"hel","help":"help","helpgen":"helpg"},"p":{"hebt":[2,408],"hel":[2,139,4,139],"help":[5,722],"helpg":[5,331,3,139]}});
