helpgenSearch.t("wh",{"v":{"whatever":"whatev","whether":"whether","whoever":"whoever","whole":"whole"},"p":{"whatev":[2,195],"whether":[4,195],"whoever":[3,195],"whole":[2,139,4,139]}});
