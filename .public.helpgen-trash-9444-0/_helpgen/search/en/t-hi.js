helpgenSearch.t("hi",{"v":{"hidden":"hidden","higher":"higher"},"p":{"hidden":[3,464],"higher":[2,195]}});
