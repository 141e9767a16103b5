helpgenSearch.t("al",{"v":{"alerts":"alert","allows":"allow","also":"also"},"p":{"alert":[5,134],"allow":[3,360,1,96],"also":[3,214]}});
