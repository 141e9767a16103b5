helpgenSearch.t("qu",{"v":{"quote":"quot"},"p":{"quot":[3,270]}});
