helpgenSearch.t("do",{"v":{"docfx":"docfx","doet":"doet","doorverwijzingen":"doorverwijz"},"p":{"docfx":[5,134],"doet":[5,134],"doorverwijz":[5,134]}});
