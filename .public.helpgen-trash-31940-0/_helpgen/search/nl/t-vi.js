helpgenSearch.t("vi",{"v":{"via":"via","vindt":"vindt"},"p":{"via":[2,96,3,96],"vindt":[4,134]}});
