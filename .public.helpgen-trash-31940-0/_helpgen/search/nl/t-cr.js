helpgenSearch.t("cr",{"v":{"crm":"crm"},"p":{"crm":[0,360,2,193]}});
