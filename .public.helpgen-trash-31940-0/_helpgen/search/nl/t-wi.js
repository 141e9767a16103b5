helpgenSearch.t("wi",{"v":{"wijst":"wijst","wijziging":"wijzig","wilt":"wilt"},"p":{"wijst":[1,134],"wijzig":[1,134],"wilt":[5,426]}});
