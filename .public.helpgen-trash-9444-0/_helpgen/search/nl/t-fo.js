helpgenSearch.t("fo",{"v":{"formulieren":"formulier","formulierverzendingen":"formulierverzend"},"p":{"formulier":[3,195],"formulierverzend":[2,195]}});
