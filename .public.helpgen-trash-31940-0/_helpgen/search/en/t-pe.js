helpgenSearch.t("pe",{"v":{"people":"peopl","per":"per"},"p":{"peopl":[3,214],"per":[3,193,2,152]}});
