helpgenSearch.t("ne",{"v":{"needs":"need","new":"new","next":"next"},"p":{"need":[3,195],"new":[1,362,5,139],"next":[2,329]}});
