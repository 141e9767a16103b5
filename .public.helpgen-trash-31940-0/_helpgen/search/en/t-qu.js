helpgenSearch.t("qu",{"v":{"quote":"quot","quotes":"quot","quotesquote":"quotesquot"},"p":{"quot":[3,348],"quotesquot":[3,134]}});
