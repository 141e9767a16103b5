helpgenSearch.t("te",{"v":{"ten":"ten","text":"text"},"p":{"ten":[3,195],"text":[4,408]}});
