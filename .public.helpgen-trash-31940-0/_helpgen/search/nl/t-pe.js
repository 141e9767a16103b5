helpgenSearch.t("pe",{"v":{"per":"per"},"p":{"per":[3,193,2,152]}});
