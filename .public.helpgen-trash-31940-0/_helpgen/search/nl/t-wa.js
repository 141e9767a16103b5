helpgenSearch.t("wa",{"v":{"waar":"war","waarschuwing":"waarschuw","wacht":"wacht","wanneer":"wanner"},"p":{"waarschuw":[2,134],"wacht":[1,134],"wanner":[4,214],"war":[5,426]}});
