helpgenSearch.t("le",{"v":{"lees":"les","leest":"leest","leverancier":"leverancier"},"p":{"leest":[2,291,5,139],"les":[2,195],"leverancier":[2,329]}});
