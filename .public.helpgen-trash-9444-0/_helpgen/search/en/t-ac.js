helpgenSearch.t("ac",{"v":{"activate":"activ","activated":"activ","active":"activ"},"p":{"activ":[1,297,2,165,4,133,0,79,5,79]}});
