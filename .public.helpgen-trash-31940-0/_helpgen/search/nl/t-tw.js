helpgenSearch.t("tw",{"v":{"twee":"twee"},"p":{"twee":[2,214]}});
