helpgenSearch.t("or",{"v":{"organization":"organ"},"p":{"organ":[2,134]}});
