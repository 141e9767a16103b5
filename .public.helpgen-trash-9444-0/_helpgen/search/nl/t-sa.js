helpgenSearch.t("sa",{"v":{"sale":"sal","sales":"sales","samen":"sam","satelliet":"satelliet"},"p":{"sal":[3,195],"sales":[3,362,2,235],"sam":[2,195],"satelliet":[2,195]}});
