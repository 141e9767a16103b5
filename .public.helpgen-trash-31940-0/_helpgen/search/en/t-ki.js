helpgenSearch.t("ki",{"v":{"kind":"kind","kinds":"kind"},"p":{"kind":[2,469]}});
