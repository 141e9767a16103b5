helpgenSearch.t("bu",{"v":{"bundel":"bundel","bundelt":"bundelt"},"p":{"bundel":[3,134],"bundelt":[2,134]}});
