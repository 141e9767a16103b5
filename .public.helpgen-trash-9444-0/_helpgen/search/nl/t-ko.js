helpgenSearch.t("ko",{"v":{"kolom":"kolom","koopt":"koopt","korte":"kort"},"p":{"kolom":[4,195],"koopt":[2,329],"kort":[4,195]}});
