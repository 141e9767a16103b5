helpgenSearch.t("he",{"v":{"help":"help","helpgen":"helpgen"},"p":{"help":[5,1411],"helpgen":[5,401,3,96]}});
