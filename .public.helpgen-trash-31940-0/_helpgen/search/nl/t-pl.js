helpgenSearch.t("pl",{"v":{"plan":"plan","plannen":"plann","plus":"plus"},"p":{"plan":[3,153,2,121,5,76],"plann":[3,469],"plus":[3,134]}});
