helpgenSearch.t("me",{"v":{"meaning":"mean","message":"messag","metered":"meter"},"p":{"mean":[4,195],"messag":[4,195],"meter":[2,508]}});
