helpgenSearch.t("ta",{"v":{"tab":"tab","tabs":"tab","takes":"take","task":"task","tasks":"task"},"p":{"tab":[2,449,4,110,5,110],"take":[2,195],"task":[4,443,5,139]}});
