helpgenSearch.t("ei",{"v":{"eigen":"eig","eigenaar":"eigenar"},"p":{"eig":[2,214],"eigenar":[2,605]}});
