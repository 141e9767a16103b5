helpgenSearch.t("sy",{"v":{"system":"system"},"p":{"system":[4,527,0,389,2,164,5,63]}});
