helpgenSearch.t("ti",{"v":{"tijdgebonden":"tijdgebond","tip":"tip"},"p":{"tijdgebond":[2,134],"tip":[2,304,5,304]}});
