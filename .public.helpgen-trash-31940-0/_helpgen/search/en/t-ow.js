helpgenSearch.t("ow",{"v":{"owner":"owner"},"p":{"owner":[2,605]}});
