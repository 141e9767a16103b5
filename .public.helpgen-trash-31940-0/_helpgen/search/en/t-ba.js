helpgenSearch.t("ba",{"v":{"back":"back","background":"background","based":"base"},"p":{"back":[1,134],"background":[4,134],"base":[2,134]}});
