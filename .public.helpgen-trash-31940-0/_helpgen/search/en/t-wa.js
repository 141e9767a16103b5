helpgenSearch.t("wa",{"v":{"waiting":"wait","want":"want","warning":"warn"},"p":{"wait":[1,134],"want":[5,426],"warn":[2,134]}});
