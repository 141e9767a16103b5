helpgenSearch.t("es",{"v":{"essential":"essenti"},"p":{"essenti":[3,342,2,121,5,76]}});
