helpgenSearch.t("sa",{"v":{"sale":"sal","sales":"sales","samen":"sam","satelliet":"satelliet"},"p":{"sal":[3,134],"sales":[3,248,2,152],"sam":[2,134],"satelliet":[2,134]}});
