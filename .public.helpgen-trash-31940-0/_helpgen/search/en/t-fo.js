helpgenSearch.t("fo",{"v":{"follow":"follow","form":"form","forms":"form"},"p":{"follow":[4,360,5,96],"form":[2,96,3,96]}});
