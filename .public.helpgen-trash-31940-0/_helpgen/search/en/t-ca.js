helpgenSearch.t("ca",{"v":{"cal":"cal","cannot":"cannot"},"p":{"cal":[3,214],"cannot":[1,134]}});
