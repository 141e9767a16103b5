helpgenSearch.t("_e9_e9",{"v":{"één":"een"},"p":{}});
