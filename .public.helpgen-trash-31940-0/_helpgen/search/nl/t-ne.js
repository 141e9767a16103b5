helpgenSearch.t("ne",{"v":{"nederlandse":"nederland"},"p":{"nederland":[5,506]}});
