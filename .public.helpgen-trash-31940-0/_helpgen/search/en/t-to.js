helpgenSearch.t("to",{"v":{"toc":"toc","top":"top"},"p":{"toc":[5,134],"top":[2,96,5,96]}});
