helpgenSearch.t("ko",{"v":{"kolom":"kolom","koopt":"koopt","korte":"kort"},"p":{"kolom":[4,134],"koopt":[2,214],"kort":[4,134]}});
