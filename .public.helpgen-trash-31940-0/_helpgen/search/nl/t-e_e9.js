helpgenSearch.t("e_e9",{"v":{"eén":"een"},"p":{}});
