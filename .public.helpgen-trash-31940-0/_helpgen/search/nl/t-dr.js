helpgenSearch.t("dr",{"v":{"drempel":"drempel"},"p":{"drempel":[2,270]}});
