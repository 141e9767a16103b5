helpgenSearch.t("ei",{"v":{"eigen":"eig","eigenaar":"eigenar"},"p":{"eig":[2,329],"eigenar":[2,508]}});
