helpgenSearch.t("si",{"v":{"sign":"sign","signed":"sign","signing":"sign","site":"site"},"p":{"sign":[2,231,1,110,3,110],"site":[5,331,2,139]}});
