helpgenSearch.t("ca",{"v":{"cal":"cal","cannot":"cannot"},"p":{"cal":[3,329],"cannot":[1,195]}});
