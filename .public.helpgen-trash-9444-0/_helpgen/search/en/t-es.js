helpgenSearch.t("es",{"v":{"essential":"essenti"},"p":{"essenti":[3,287,2,186,5,110]}});
