helpgenSearch.t("ta",{"v":{"taak":"tak","taalkeuze":"taalkeuz","tabblad":"tabblad","tabbladen":"tabblad","taken":"tak"},"p":{"taalkeuz":[5,329],"tabblad":[2,449,4,110,5,110],"tak":[4,443,5,139]}});
