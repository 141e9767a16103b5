helpgenSearch.t("ho",{"v":{"hoger":"hoger","horen":"hor"},"p":{"hoger":[2,195],"hor":[3,195]}});
