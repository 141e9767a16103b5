helpgenSearch.t("wa",{"v":{"waar":"war","waarschuwing":"waarschuw","wacht":"wacht","wanneer":"wanner"},"p":{"waarschuw":[2,195],"wacht":[1,195],"wanner":[4,329],"war":[5,508]}});
