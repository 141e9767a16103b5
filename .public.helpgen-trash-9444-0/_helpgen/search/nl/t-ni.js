helpgenSearch.t("ni",{"v":{"nieuw":"nieuw","nieuwe":"nieuw"},"p":{"nieuw":[1,362,5,139]}});
