helpgenSearch.t("bi",{"v":{"bijhouden":"bijhoud","bijkoopt":"bijkoopt","bijwerken":"bijwerk"},"p":{"bijhoud":[3,134],"bijkoopt":[1,134],"bijwerk":[1,134]}});
