helpgenSearch.t("bi",{"v":{"bijhouden":"bijhoud","bijkoopt":"bijkoopt","bijwerken":"bijwerk"},"p":{"bijhoud":[3,195],"bijkoopt":[1,195],"bijwerk":[1,195]}});
