helpgenSearch.t("wh",{"v":{"whatever":"whatev","whether":"whether","whoever":"whoever","whole":"whole"},"p":{"whatev":[2,134],"whether":[4,134],"whoever":[3,134],"whole":[2,96,4,96]}});
