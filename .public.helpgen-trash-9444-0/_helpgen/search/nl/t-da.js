helpgenSearch.t("da",{"v":{"database":"databas","datalimiet":"datalimiet"},"p":{"databas":[2,387,3,235],"datalimiet":[2,329]}});
