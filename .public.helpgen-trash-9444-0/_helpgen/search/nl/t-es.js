helpgenSearch.t("es",{"v":{"essential":"essential"},"p":{"essential":[3,287,2,186,5,110]}});
