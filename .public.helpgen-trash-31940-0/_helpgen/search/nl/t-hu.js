helpgenSearch.t("hu",{"v":{"hulppagina":"hulppagina"},"p":{"hulppagina":[5,562]}});
