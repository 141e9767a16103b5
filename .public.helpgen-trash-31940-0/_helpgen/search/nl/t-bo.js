helpgenSearch.t("bo",{"v":{"bovenaan":"bovenan"},"p":{"bovenan":[2,134]}});
