helpgenSearch.t("er",{"v":{"erbij":"erbij","erboven":"erbov","eruit":"eruit"},"p":{"erbij":[3,195],"erbov":[2,195],"eruit":[3,195]}});
