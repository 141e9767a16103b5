helpgenSearch.t("me",{"v":{"mee":"mee","meebrengt":"meebrengt","melden":"meld","meldingen":"melding"},"p":{"mee":[2,195],"meebrengt":[3,408],"meld":[2,195],"melding":[5,195]}});
