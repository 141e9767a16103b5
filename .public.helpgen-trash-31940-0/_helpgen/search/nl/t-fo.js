helpgenSearch.t("fo",{"v":{"formulieren":"formulier","formulierverzendingen":"formulierverzend"},"p":{"formulier":[3,134],"formulierverzend":[2,134]}});
