helpgenSearch.t("qu",{"v":{"quote":"quot","quotes":"quot","quotes1":"quotes1"},"p":{"quot":[3,464],"quotes1":[3,195]}});
