helpgenSearch.t("ne",{"v":{"needs":"need","new":"new","next":"next"},"p":{"need":[3,134],"new":[1,431,5,96],"next":[2,214]}});
