helpgenSearch.t("me",{"v":{"meaning":"mean","message":"messag","metered":"meter"},"p":{"mean":[4,134],"messag":[4,134],"meter":[2,605]}});
