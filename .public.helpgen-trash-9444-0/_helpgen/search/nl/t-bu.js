helpgenSearch.t("bu",{"v":{"bundel":"bundel","bundelt":"bundelt"},"p":{"bundel":[3,195],"bundelt":[2,195]}});
