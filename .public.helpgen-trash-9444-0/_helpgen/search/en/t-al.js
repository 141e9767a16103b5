helpgenSearch.t("al",{"v":{"alerts":"alert","allows":"allow","also":"also"},"p":{"alert":[5,195],"allow":[3,291,1,139],"also":[3,329]}});
