helpgenSearch.t("me",{"v":{"mee":"mee","meebrengt":"meebrengt","melden":"meld","meldingen":"melding"},"p":{"mee":[2,214],"meebrengt":[3,506],"meld":[2,134],"melding":[5,134]}});
