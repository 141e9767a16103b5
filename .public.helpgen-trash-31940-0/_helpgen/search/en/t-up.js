helpgenSearch.t("up",{"v":{"update":"updat"},"p":{"updat":[1,134]}});
