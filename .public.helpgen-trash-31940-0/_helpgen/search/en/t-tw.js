helpgenSearch.t("tw",{"v":{"two":"two"},"p":{"two":[2,214]}});
