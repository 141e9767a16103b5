helpgenSearch.t("no",{"v":{"note":"note","notifications":"notif"},"p":{"note":[2,195],"notif":[2,139,4,139]}});
