helpgenSearch.t("mo",{"v":{"module":"modul","modules":"modul","monthly":"month"},"p":{"modul":[2,573],"month":[2,195]}});
