helpgenSearch.t("ab",{"v":{"abonnement":"abonnement"},"p":{"abonnement":[1,96,2,96]}});
