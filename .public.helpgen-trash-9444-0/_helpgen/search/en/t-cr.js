helpgenSearch.t("cr",{"v":{"crm":"crm"},"p":{"crm":[2,408,0,291]}});
