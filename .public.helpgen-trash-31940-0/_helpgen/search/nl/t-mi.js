helpgenSearch.t("mi",{"v":{"mislukt":"mislukt"},"p":{"mislukt":[4,134]}});
