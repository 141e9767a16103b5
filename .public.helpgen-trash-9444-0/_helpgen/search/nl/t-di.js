helpgenSearch.t("di",{"v":{"dienst":"dienst","diensten":"dienst","dingen":"ding"},"p":{"dienst":[2,508],"ding":[2,195]}});
