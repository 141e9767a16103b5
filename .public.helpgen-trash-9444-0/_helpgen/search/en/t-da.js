helpgenSearch.t("da",{"v":{"database":"databas","date":"date"},"p":{"databas":[2,387,3,235],"date":[2,329]}});
