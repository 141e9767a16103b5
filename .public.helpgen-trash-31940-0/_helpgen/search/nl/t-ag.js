helpgenSearch.t("ag",{"v":{"agenda":"agenda"},"p":{"agenda":[3,214]}});
