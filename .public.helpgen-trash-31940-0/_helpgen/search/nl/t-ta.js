helpgenSearch.t("ta",{"v":{"taak":"tak","taalkeuze":"taalkeuz","tabblad":"tabblad","tabbladen":"tabblad","taken":"tak"},"p":{"taalkeuz":[5,214],"tabblad":[2,564,4,76,5,76],"tak":[4,513,5,96]}});
