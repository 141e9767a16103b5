helpgenSearch.t("fo",{"v":{"follow":"follow","form":"form","forms":"form"},"p":{"follow":[4,291,5,139],"form":[2,139,3,139]}});
