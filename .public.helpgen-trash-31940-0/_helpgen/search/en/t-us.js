helpgenSearch.t("us",{"v":{"use":"use","user":"user","user_plan":"user_plan","users":"user","using":"use"},"p":{"use":[2,193,5,96],"user":[3,607,2,350,0,87,1,87,5,87],"user_plan":[3,134]}});
