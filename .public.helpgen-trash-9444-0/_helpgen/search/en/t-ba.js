helpgenSearch.t("ba",{"v":{"back":"back","background":"background","based":"base"},"p":{"back":[1,195],"background":[4,195],"base":[2,508]}});
