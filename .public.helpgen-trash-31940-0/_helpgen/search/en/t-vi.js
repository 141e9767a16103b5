helpgenSearch.t("vi",{"v":{"view":"view"},"p":{"view":[2,426]}});
