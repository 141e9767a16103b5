helpgenSearch.t("da",{"v":{"database":"databas","datalimiet":"datalimiet"},"p":{"databas":[2,456,3,152],"datalimiet":[2,214]}});
