helpgenSearch.t("ca",{"v":{"cal":"cal"},"p":{"cal":[3,214]}});
