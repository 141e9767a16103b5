helpgenSearch.t("am",{"v":{"among":"among"},"p":{"among":[3,134]}});
