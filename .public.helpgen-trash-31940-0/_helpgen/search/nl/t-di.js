helpgenSearch.t("di",{"v":{"dienst":"dienst","diensten":"dienst","dingen":"ding"},"p":{"dienst":[2,605],"ding":[2,134]}});
