helpgenSearch.t("pe",{"v":{"per":"per"},"p":{"per":[3,291,2,235]}});
