helpgenSearch.t("ch",{"v":{"chat":"chat","chatsessies":"chatsessies"},"p":{"chat":[3,195],"chatsessies":[2,195]}});
