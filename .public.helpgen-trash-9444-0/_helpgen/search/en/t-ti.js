helpgenSearch.t("ti",{"v":{"time":"time","tip":"tip"},"p":{"time":[2,195],"tip":[5,195]}});
