helpgenSearch.t("kr",{"v":{"krijgt":"krijgt"},"p":{"krijgt":[3,152,2,96]}});
