helpgenSearch.t("us",{"v":{"use":"use","user":"user","user_plan":"user_plan","users":"user","using":"use"},"p":{"use":[2,291,5,139],"user":[3,326,2,292,0,133,1,133,5,133],"user_plan":[3,195]}});
