helpgenSearch.t("sc",{"v":{"scheduled":"schedul","screen":"screen"},"p":{"schedul":[4,195],"screen":[2,303,1,92,4,92,5,92]}});
