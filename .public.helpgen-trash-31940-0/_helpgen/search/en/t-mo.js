helpgenSearch.t("mo",{"v":{"module":"modul","modules":"modul","monthly":"month"},"p":{"modul":[2,270],"month":[2,134]}});
