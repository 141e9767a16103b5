helpgenSearch.t("no",{"v":{"nodig":"nodig","note":"not"},"p":{"nodig":[2,195],"not":[2,195]}});
