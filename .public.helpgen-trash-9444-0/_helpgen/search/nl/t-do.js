helpgenSearch.t("do",{"v":{"docfx":"docfx","doet":"doet","doorverwijzingen":"doorverwijz"},"p":{"docfx":[5,195],"doet":[5,195],"doorverwijz":[5,195]}});
