helpgenSearch.t("of",{"v":{"offertebeheer":"offertebeher","offertes":"offertes","offertesquote":"offertesquot"},"p":{"offertebeher":[3,134],"offertes":[3,134],"offertesquot":[3,134]}});
