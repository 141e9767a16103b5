helpgenSearch.t("es",{"v":{"essential":"essential"},"p":{"essential":[3,342,2,121,5,76]}});
