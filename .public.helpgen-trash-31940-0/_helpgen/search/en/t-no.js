helpgenSearch.t("no",{"v":{"note":"note","notifications":"notif"},"p":{"note":[2,426],"notif":[2,96,4,96]}});
