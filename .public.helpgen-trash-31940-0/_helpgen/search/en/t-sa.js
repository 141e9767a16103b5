helpgenSearch.t("sa",{"v":{"sale":"sale","sales":"sale","satellite":"satellit"},"p":{"sale":[3,333,2,152],"satellit":[2,134]}});
