helpgenSearch.t("th",{"v":{"things":"thing","threshold":"threshold"},"p":{"thing":[2,195],"threshold":[2,408]}});
