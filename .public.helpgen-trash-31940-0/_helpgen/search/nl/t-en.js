helpgenSearch.t("en",{"v":{"engels":"engel","engelse":"engel"},"p":{"engel":[5,562]}});
