helpgenSearch.t("so",{"v":{"soort":"soort","soorten":"soort"},"p":{"soort":[2,469]}});
