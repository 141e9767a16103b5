helpgenSearch.t("ch",{"v":{"chat":"chat","chatsessies":"chatsessie"},"p":{"chat":[3,134],"chatsessie":[2,134]}});
