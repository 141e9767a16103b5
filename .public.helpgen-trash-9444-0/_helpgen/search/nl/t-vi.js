helpgenSearch.t("vi",{"v":{"via":"via","vindt":"vindt"},"p":{"via":[2,139,3,139],"vindt":[4,195]}});
