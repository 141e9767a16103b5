helpgenSearch.t("th",{"v":{"things":"thing","threshold":"threshold"},"p":{"thing":[2,134],"threshold":[2,270]}});
