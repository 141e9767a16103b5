helpgenSearch.t("sc",{"v":{"scheduled":"schedul","screen":"screen"},"p":{"schedul":[4,134],"screen":[2,401,1,63,4,63,5,63]}});
