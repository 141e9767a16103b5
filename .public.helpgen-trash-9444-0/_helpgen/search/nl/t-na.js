helpgenSearch.t("na",{"v":{"naam":"nam","naast":"naast","name":"nam","navigatie":"navigatie"},"p":{"naast":[2,195],"nam":[2,110,3,110,4,110],"navigatie":[5,195]}});
