helpgenSearch.t("ha",{"v":{"haalt":"haalt","hangt":"hangt"},"p":{"haalt":[1,214],"hangt":[2,134]}});
