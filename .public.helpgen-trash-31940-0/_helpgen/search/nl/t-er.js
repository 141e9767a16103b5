helpgenSearch.t("er",{"v":{"erbij":"erbij","erboven":"erbov","eruit":"eruit"},"p":{"erbij":[3,134],"erbov":[2,134],"eruit":[3,134]}});
