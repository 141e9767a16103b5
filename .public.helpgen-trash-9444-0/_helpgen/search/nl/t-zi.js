helpgenSearch.t("zi",{"v":{"zien":"zien","ziet":"ziet"},"p":{"zien":[2,291,5,139],"ziet":[2,331,3,139]}});
