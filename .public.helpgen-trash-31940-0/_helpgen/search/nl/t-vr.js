helpgenSearch.t("vr",{"v":{"vraagt":"vraagt","vrij":"vrij","vrije":"vrij","vrijmaakt":"vrijmaakt"},"p":{"vraagt":[3,134],"vrij":[4,360,2,152],"vrijmaakt":[1,134]}});
