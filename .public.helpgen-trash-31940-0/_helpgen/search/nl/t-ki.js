helpgenSearch.t("ki",{"v":{"kies":"kies"},"p":{"kies":[2,214]}});
