helpgenSearch.t("en",{"v":{"english":"english"},"p":{"english":[5,506]}});
