helpgenSearch.t("ad",{"v":{"administration":"administr"},"p":{"administr":[0,416,5,360]}});
