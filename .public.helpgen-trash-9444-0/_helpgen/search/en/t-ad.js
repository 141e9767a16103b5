helpgenSearch.t("ad",{"v":{"administration":"administr"},"p":{"administr":[0,458,5,291]}});
