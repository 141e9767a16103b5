helpgenSearch.t("ho",{"v":{"hoger":"hoger","horen":"hor"},"p":{"hoger":[2,134],"hor":[3,134]}});
