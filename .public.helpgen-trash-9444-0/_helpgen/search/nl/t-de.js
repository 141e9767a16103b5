helpgenSearch.t("de",{"v":{"description":"description","details":"detail","dezelfde":"dezelfd"},"p":{"description":[3,195],"detail":[2,195],"dezelfd":[5,195]}});
