helpgenSearch.t("fr",{"v":{"free":"free"},"p":{"free":[4,286,2,121,1,76]}});
