helpgenSearch.t("de",{"v":{"depends":"depend","description":"descript","details":"detail"},"p":{"depend":[2,134],"descript":[3,96,4,96],"detail":[2,134]}});
