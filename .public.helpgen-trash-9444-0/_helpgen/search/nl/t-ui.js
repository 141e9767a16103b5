helpgenSearch.t("ui",{"v":{"uitbreiding":"uitbreid","uitkomt":"uitkomt"},"p":{"uitbreid":[2,195],"uitkomt":[2,195]}});
