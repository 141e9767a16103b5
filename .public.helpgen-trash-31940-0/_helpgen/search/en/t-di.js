helpgenSearch.t("di",{"v":{"diary":"diari"},"p":{"diari":[3,214]}});
