helpgenSearch.t("sc",{"v":{"scherm":"scherm"},"p":{"scherm":[2,401,1,63,4,63,5,63]}});
