helpgenSearch.t("ti",{"v":{"tijdgebonden":"tijdgebond","tip":"tip"},"p":{"tijdgebond":[2,195],"tip":[5,195]}});
