helpgenSearch.t("ra",{"v":{"raakt":"raakt"},"p":{"raakt":[4,134]}});
