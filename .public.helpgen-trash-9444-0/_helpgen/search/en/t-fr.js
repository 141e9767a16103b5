helpgenSearch.t("fr",{"v":{"free":"free"},"p":{"free":[4,231,2,186,1,110]}});
