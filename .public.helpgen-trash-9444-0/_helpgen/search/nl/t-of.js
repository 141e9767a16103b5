helpgenSearch.t("of",{"v":{"offertebeheer":"offertebeher","offertes":"offertes","offertes1":"offertes1"},"p":{"offertebeher":[3,195],"offertes":[3,195],"offertes1":[3,195]}});
