helpgenSearch.t("le",{"v":{"lees":"les","leest":"leest","leverancier":"leverancier"},"p":{"leest":[2,360,5,96],"les":[2,134],"leverancier":[2,214]}});
