helpgenSearch.t("us",{"v":{"user":"user","user_plan":"user_plan"},"p":{"user":[3,134],"user_plan":[3,134]}});
