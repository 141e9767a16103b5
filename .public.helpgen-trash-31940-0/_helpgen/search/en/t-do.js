helpgenSearch.t("do",{"v":{"docfx":"docfx","done":"done"},"p":{"docfx":[5,134],"done":[4,134]}});
