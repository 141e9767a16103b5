helpgenSearch.t("te",{"v":{"ten":"ten","text":"text"},"p":{"ten":[3,134],"text":[4,506]}});
