helpgenSearch.t("do",{"v":{"docfx":"docfx","done":"done"},"p":{"docfx":[5,195],"done":[4,195]}});
