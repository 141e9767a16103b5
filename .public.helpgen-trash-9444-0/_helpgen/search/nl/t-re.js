helpgenSearch.t("re",{"v":{"recht":"recht","rechten":"recht","rechtsboven":"rechtsbov"},"p":{"recht":[2,139,5,139],"rechtsbov":[5,195]}});
