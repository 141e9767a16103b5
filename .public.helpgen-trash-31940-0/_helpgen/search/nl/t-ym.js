helpgenSearch.t("ym",{"v":{"yml":"yml"},"p":{"yml":[5,134]}});
