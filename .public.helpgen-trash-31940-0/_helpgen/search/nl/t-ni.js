helpgenSearch.t("ni",{"v":{"nieuw":"nieuw","nieuwe":"nieuw"},"p":{"nieuw":[1,431,5,96]}});
