helpgenSearch.t("de",{"v":{"depends":"depend","description":"descript","details":"detail"},"p":{"depend":[2,195],"descript":[3,139,4,139],"detail":[2,195]}});
