helpgenSearch.t("vr",{"v":{"vraagt":"vraagt","vrij":"vrij","vrije":"vrij","vrijmaakt":"vrijmaakt"},"p":{"vraagt":[3,195],"vrij":[4,291,2,235],"vrijmaakt":[1,195]}});
