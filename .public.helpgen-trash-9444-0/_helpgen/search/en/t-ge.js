helpgenSearch.t("ge",{"v":{"gets":"get"},"p":{"get":[3,235,2,139]}});
