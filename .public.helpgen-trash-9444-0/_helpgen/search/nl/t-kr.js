helpgenSearch.t("kr",{"v":{"krijgt":"krijgt"},"p":{"krijgt":[3,235,2,139]}});
