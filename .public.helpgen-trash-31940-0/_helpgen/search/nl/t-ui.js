helpgenSearch.t("ui",{"v":{"uitbreiding":"uitbreid","uitkomt":"uitkomt"},"p":{"uitbreid":[2,134],"uitkomt":[2,134]}});
