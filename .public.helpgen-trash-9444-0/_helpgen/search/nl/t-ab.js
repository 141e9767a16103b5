helpgenSearch.t("ab",{"v":{"abonnement":"abonnement"},"p":{"abonnement":[1,139,2,139]}});
