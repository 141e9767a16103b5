helpgenSearch.t("ti",{"v":{"time":"time","tip":"tip"},"p":{"time":[2,134],"tip":[2,304,5,304]}});
