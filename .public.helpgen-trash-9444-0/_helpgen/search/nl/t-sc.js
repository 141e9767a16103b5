helpgenSearch.t("sc",{"v":{"scherm":"scherm"},"p":{"scherm":[2,303,1,92,4,92,5,92]}});
