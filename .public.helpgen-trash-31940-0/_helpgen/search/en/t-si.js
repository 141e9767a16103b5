helpgenSearch.t("si",{"v":{"sign":"sign","signed":"sign","signing":"sign","site":"site"},"p":{"sign":[2,153,1,76,3,76],"site":[5,401,2,96]}});
