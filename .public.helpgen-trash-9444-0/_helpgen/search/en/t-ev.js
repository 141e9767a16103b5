helpgenSearch.t("ev",{"v":{"event":"event","events":"event","every":"everi"},"p":{"event":[4,351,2,155,0,92,5,92],"everi":[2,195]}});
