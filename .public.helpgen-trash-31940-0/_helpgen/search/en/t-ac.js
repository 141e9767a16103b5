helpgenSearch.t("ac",{"v":{"activate":"activ","activated":"activ","active":"activ"},"p":{"activ":[1,427,2,110,4,87,0,54,5,54]}});
