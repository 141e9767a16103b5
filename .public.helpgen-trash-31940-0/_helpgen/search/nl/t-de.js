helpgenSearch.t("de",{"v":{"description":"description","details":"detail","dezelfde":"dezelfd"},"p":{"description":[3,134],"detail":[2,134],"dezelfd":[5,134]}});
