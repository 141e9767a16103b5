helpgenSearch.t("to",{"v":{"toc":"toc","top":"top"},"p":{"toc":[5,195],"top":[2,139,5,139]}});
