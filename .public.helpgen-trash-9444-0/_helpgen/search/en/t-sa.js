helpgenSearch.t("sa",{"v":{"sale":"sale","sales":"sale","satellite":"satellit"},"p":{"sale":[3,458,2,235],"satellit":[2,195]}});
