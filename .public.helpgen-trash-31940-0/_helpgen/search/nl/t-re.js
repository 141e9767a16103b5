helpgenSearch.t("re",{"v":{"recht":"recht","rechten":"recht","rechtsboven":"rechtsbov"},"p":{"recht":[2,96,5,96],"rechtsbov":[5,134]}});
