helpgenSearch.t("sy",{"v":{"system":"system"},"p":{"system":[4,356,0,293,2,239,5,92]}});
