helpgenSearch.t("ge",{"v":{"gets":"get"},"p":{"get":[3,152,2,96]}});
