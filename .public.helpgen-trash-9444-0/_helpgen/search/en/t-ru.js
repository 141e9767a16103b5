helpgenSearch.t("ru",{"v":{"run":"run","running":"run"},"p":{"run":[4,287,2,110,5,110]}});
