helpgenSearch.t("da",{"v":{"database":"databas","date":"date"},"p":{"databas":[2,456,3,152],"date":[2,214]}});
