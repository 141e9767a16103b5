helpgenSearch.t("ru",{"v":{"run":"run","running":"run"},"p":{"run":[4,342,2,76,5,76]}});
