helpgenSearch.t("he",{"v":{"hebt":"hebt","hele":"hel","help":"help","helpgen":"helpg"},"p":{"hebt":[2,270],"hel":[2,96,4,96],"help":[5,1010],"helpg":[5,401,3,96]}});
