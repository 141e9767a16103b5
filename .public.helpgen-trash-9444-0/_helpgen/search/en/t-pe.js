helpgenSearch.t("pe",{"v":{"people":"peopl","per":"per"},"p":{"peopl":[3,329],"per":[3,291,2,235]}});
