helpgenSearch.t("wa",{"v":{"waiting":"wait","want":"want","warning":"warn"},"p":{"wait":[1,195],"want":[5,508],"warn":[2,195]}});
