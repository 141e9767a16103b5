helpgenSearch.t("na",{"v":{"naam":"nam","naast":"naast","name":"nam","navigatie":"navigatie"},"p":{"naast":[2,134],"nam":[2,76,3,76,4,76],"navigatie":[5,134]}});
