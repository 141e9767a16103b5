helpgenSearch.t("he",{"v":{"help":"help","helpgen":"helpgen"},"p":{"help":[5,768],"helpgen":[5,331,3,139]}});
