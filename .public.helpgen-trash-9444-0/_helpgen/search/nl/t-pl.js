helpgenSearch.t("pl",{"v":{"plan":"plan","plannen":"plann","plus":"plus"},"p":{"plan":[3,231,2,186,5,110],"plann":[3,543],"plus":[3,195]}});
