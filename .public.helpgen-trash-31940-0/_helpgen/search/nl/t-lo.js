helpgenSearch.t("lo",{"v":{"lopen":"lop","lopende":"lopend","losse":"los"},"p":{"lop":[4,134],"lopend":[4,286,2,76,5,76],"los":[2,134]}});
