helpgenSearch.t("ev",{"v":{"event":"event","events":"event","every":"everi"},"p":{"event":[4,512,2,101,0,63,5,63],"everi":[2,134]}});
