helpgenSearch.t("lo",{"v":{"lopen":"lop","lopende":"lopend","losse":"los"},"p":{"lop":[4,195],"lopend":[4,231,2,110,5,110],"los":[2,195]}});
