helpgenSearch.t("ta",{"v":{"tab":"tab","tabs":"tab","takes":"take","task":"task","tasks":"task"},"p":{"tab":[2,564,4,76,5,76],"take":[2,134],"task":[4,513,5,96]}});
