helpgenSearch.t("ha",{"v":{"haalt":"haalt","hangt":"hangt"},"p":{"haalt":[1,329],"hangt":[2,195]}});
