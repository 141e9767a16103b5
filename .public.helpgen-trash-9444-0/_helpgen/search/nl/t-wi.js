helpgenSearch.t("wi",{"v":{"wijst":"wijst","wijziging":"wijzig","wilt":"wilt"},"p":{"wijst":[1,195],"wijzig":[1,195],"wilt":[5,508]}});
