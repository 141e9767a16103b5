//! License stage 2, history: consecutive analyses → what changed between them (owners,
//! expiry, status, module totals and use, plan limits, metered users and overage) and the
//! series the trend charts draw. Pure, like [`super::analyze`].

use std::collections::BTreeSet;

use super::analyze::{Analysis, ModuleAnalysis, OwnerAnalysis, Status, charted};
use super::snapshot::ServiceKey;
use chrono::NaiveDate;

/// What changed between two consecutive snapshots.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The earlier snapshot's day.
    pub from: NaiveDate,
    /// The later snapshot's day.
    pub to: NaiveDate,
    /// The differences, owners first, in the later snapshot's order.
    pub items: Vec<ChangeItem>,
}

/// One difference.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeItem {
    /// An owner appeared.
    OwnerAdded {
        /// Owner name.
        owner: String,
    },
    /// An owner disappeared.
    OwnerRemoved {
        /// Owner name.
        owner: String,
    },
    /// An owner's expiry date moved.
    Expiry {
        /// Owner name.
        owner: String,
        /// Before (`None`: not time-limited).
        from: Option<NaiveDate>,
        /// After.
        to: Option<NaiveDate>,
    },
    /// An owner's status changed.
    Status {
        /// Owner name.
        owner: String,
        /// Before.
        from: Status,
        /// After.
        to: Status,
    },
    /// A module license appeared.
    ModuleAdded {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// Licensed.
        total: i64,
    },
    /// A module license disappeared.
    ModuleRemoved {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
    },
    /// The number licensed changed.
    Total {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// Before.
        from: i64,
        /// After.
        to: i64,
    },
    /// The number in use changed.
    InUse {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// Before.
        from: i64,
        /// After.
        to: i64,
    },
    /// A plan limit's use changed.
    LimitUsed {
        /// What is limited.
        name: String,
        /// Before.
        from: u64,
        /// After.
        to: u64,
        /// The limit after.
        limit: u64,
    },
    /// A plan limit itself changed.
    LimitMax {
        /// What is limited.
        name: String,
        /// Before.
        from: u64,
        /// After.
        to: u64,
    },
    /// The users metered thresholds grow with changed.
    Users {
        /// Before.
        from: u64,
        /// After.
        to: u64,
    },
    /// A metered service went over its threshold.
    OverageStarted {
        /// Which service.
        key: ServiceKey,
        /// Over the threshold now.
        overage: f64,
        /// Unit.
        unit: String,
    },
    /// A metered service came back under its threshold.
    OverageEnded {
        /// Which service.
        key: ServiceKey,
    },
}

/// What changed between each pair of consecutive analyses (oldest first).
pub fn changes(analyses: &[Analysis]) -> Vec<Change> {
    analyses
        .windows(2)
        .map(|w| Change {
            from: w[0].as_of.date_naive(),
            to: w[1].as_of.date_naive(),
            items: diff(&w[0], &w[1]),
        })
        .collect()
}

fn find_owner<'a>(a: &'a Analysis, name: &str) -> Option<&'a OwnerAnalysis> {
    a.owners.iter().find(|o| o.name.eq_ignore_ascii_case(name))
}

fn find_module<'a>(o: &'a OwnerAnalysis, name: &str) -> Option<&'a ModuleAnalysis> {
    o.modules
        .iter()
        .find(|m| m.module.name.eq_ignore_ascii_case(name))
}

fn diff(old: &Analysis, new: &Analysis) -> Vec<ChangeItem> {
    let mut items = Vec::new();
    for o in &new.owners {
        let Some(prev) = find_owner(old, &o.name) else {
            items.push(ChangeItem::OwnerAdded {
                owner: o.name.clone(),
            });
            continue;
        };
        if prev.expiry != o.expiry {
            items.push(ChangeItem::Expiry {
                owner: o.name.clone(),
                from: prev.expiry,
                to: o.expiry,
            });
        }
        if prev.status != o.status {
            items.push(ChangeItem::Status {
                owner: o.name.clone(),
                from: prev.status,
                to: o.status,
            });
        }
        for m in &o.modules {
            let module = m.module.description.clone();
            let owner = o.name.clone();
            match find_module(prev, &m.module.name) {
                None => items.push(ChangeItem::ModuleAdded {
                    owner,
                    module,
                    total: m.module.total,
                }),
                Some(p) => {
                    if p.module.total != m.module.total {
                        items.push(ChangeItem::Total {
                            owner: owner.clone(),
                            module: module.clone(),
                            from: p.module.total,
                            to: m.module.total,
                        });
                    }
                    if p.module.in_use != m.module.in_use {
                        items.push(ChangeItem::InUse {
                            owner,
                            module,
                            from: p.module.in_use,
                            to: m.module.in_use,
                        });
                    }
                }
            }
        }
        for p in &prev.modules {
            if find_module(o, &p.module.name).is_none() {
                items.push(ChangeItem::ModuleRemoved {
                    owner: o.name.clone(),
                    module: p.module.description.clone(),
                });
            }
        }
    }
    for p in &old.owners {
        if find_owner(new, &p.name).is_none() {
            items.push(ChangeItem::OwnerRemoved {
                owner: p.name.clone(),
            });
        }
    }
    for l in &new.plan_limits {
        let Some(p) = old.plan_limits.iter().find(|p| p.name == l.name) else {
            continue;
        };
        if p.limit != l.limit {
            items.push(ChangeItem::LimitMax {
                name: l.name.clone(),
                from: p.limit,
                to: l.limit,
            });
        }
        if p.used != l.used {
            items.push(ChangeItem::LimitUsed {
                name: l.name.clone(),
                from: p.used,
                to: l.used,
                limit: l.limit,
            });
        }
    }
    if let (Some(p), Some(m)) = (&old.metered, &new.metered) {
        if p.users != m.users {
            items.push(ChangeItem::Users {
                from: p.users,
                to: m.users,
            });
        }
        for s in &m.services {
            let before = p
                .services
                .iter()
                .find(|q| q.key == s.key)
                .map_or(0.0, |q| q.overage);
            if before <= 0.0 && s.overage > 0.0 {
                items.push(ChangeItem::OverageStarted {
                    key: s.key,
                    overage: s.overage,
                    unit: s.unit.clone(),
                });
            } else if before > 0.0 && s.overage <= 0.0 {
                items.push(ChangeItem::OverageEnded { key: s.key });
            }
        }
    }
    items
}

/// One line of a trend chart: a value per snapshot (`None` where it is absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Locale key of the series label (`license_series_in_use`, …).
    pub label: &'static str,
    /// CSS class (`in-use`, `total`, `used`, `threshold`, `limit`).
    pub class: &'static str,
    /// Values, one per snapshot.
    pub values: Vec<Option<f64>>,
}

/// The data of one trend chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// What the chart is about (module description, service key, limit name).
    pub subject: TrendSubject,
    /// The lines.
    pub series: Vec<Series>,
}

/// What a trend chart shows.
#[derive(Debug, Clone, PartialEq)]
pub enum TrendSubject {
    /// A module license of an owner.
    Module {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// Whether the module is hidden.
        hidden: bool,
    },
    /// A metered service.
    Service(ServiceKey),
    /// A plan limit.
    Limit(String),
}

/// Usage per counted module of the newest snapshot (site and system licenses, always 1
/// of 1, are left out), in the newest snapshot's order.
pub fn module_trends(analyses: &[Analysis]) -> Vec<Trend> {
    let Some(last) = analyses.last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for o in &last.owners {
        for m in o.modules.iter().filter(|m| charted(m.module.kind)) {
            let pick = |f: fn(&ModuleAnalysis) -> i64| -> Vec<Option<f64>> {
                analyses
                    .iter()
                    .map(|a| {
                        find_owner(a, &o.name)
                            .and_then(|po| find_module(po, &m.module.name))
                            .map(|pm| f(pm) as f64)
                    })
                    .collect()
            };
            out.push(Trend {
                subject: TrendSubject::Module {
                    owner: o.name.clone(),
                    module: m.module.description.clone(),
                    hidden: m.module.hidden,
                },
                series: vec![
                    Series {
                        label: "license_series_total",
                        class: "total",
                        values: pick(|m| m.module.total),
                    },
                    Series {
                        label: "license_series_in_use",
                        class: "in-use",
                        values: pick(|m| m.module.in_use),
                    },
                ],
            });
        }
    }
    out
}

/// Usage against threshold per metered service of any snapshot, in key order.
pub fn service_trends(analyses: &[Analysis]) -> Vec<Trend> {
    let keys: BTreeSet<ServiceKey> = analyses
        .iter()
        .filter_map(|a| a.metered.as_ref())
        .flat_map(|m| m.services.iter().map(|s| s.key))
        .collect();
    keys.into_iter()
        .map(|key| {
            let pick = |f: fn(&super::analyze::ServiceAnalysis) -> f64| -> Vec<Option<f64>> {
                analyses
                    .iter()
                    .map(|a| {
                        a.metered
                            .as_ref()
                            .and_then(|m| m.services.iter().find(|s| s.key == key))
                            .map(f)
                    })
                    .collect()
            };
            Trend {
                subject: TrendSubject::Service(key),
                series: vec![
                    Series {
                        label: "license_series_threshold",
                        class: "threshold",
                        values: pick(|s| s.threshold),
                    },
                    Series {
                        label: "license_series_used",
                        class: "used",
                        values: pick(|s| s.used),
                    },
                ],
            }
        })
        .collect()
}

/// Use against limit per plan limit of the newest snapshot.
pub fn limit_trends(analyses: &[Analysis]) -> Vec<Trend> {
    let Some(last) = analyses.last() else {
        return Vec::new();
    };
    last.plan_limits
        .iter()
        .map(|l| {
            let pick = |f: fn(&super::analyze::LimitAnalysis) -> u64| -> Vec<Option<f64>> {
                analyses
                    .iter()
                    .map(|a| {
                        a.plan_limits
                            .iter()
                            .find(|p| p.name == l.name)
                            .map(|p| f(p) as f64)
                    })
                    .collect()
            };
            Trend {
                subject: TrendSubject::Limit(l.name.clone()),
                series: vec![
                    Series {
                        label: "license_series_limit",
                        class: "limit",
                        values: pick(|p| p.limit),
                    },
                    Series {
                        label: "license_series_used",
                        class: "used",
                        values: pick(|p| p.used),
                    },
                ],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::license::analyze::analyze;
    use crate::license::snapshot::{
        Customer, LicenseKind, Module, Owner, PlanLimit, Snapshot, start_of,
    };

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn module(name: &str, kind: LicenseKind, total: i64, in_use: i64) -> Module {
        Module {
            name: name.to_owned(),
            description: name.to_uppercase(),
            tooltip: None,
            kind,
            total,
            in_use,
            unrestricted: false,
            hidden: false,
            user_plan: false,
            grants: Vec::new(),
            prerequisite: None,
            sort: 0,
            pending: None,
        }
    }

    fn snap(date: &str, expiry: &str, modules: Vec<Module>, used: u64) -> Analysis {
        let s = Snapshot {
            taken_at: start_of(day(date)),
            time_known: false,
            customer: Customer::default(),
            owners: vec![Owner {
                name: "SO".to_owned(),
                description: None,
                expiry: Some(day(expiry)),
                admin_warning: None,
                grace_until: None,
                next_check: None,
                modules,
                pending: None,
            }],
            plan_limits: vec![PlanLimit {
                name: "projects".to_owned(),
                used,
                limit: 100,
            }],
            metered: None,
            events: Vec::new(),
            sources: Vec::new(),
        };
        analyze(&s, s.taken_at, false)
    }

    #[test]
    fn what_changed() {
        let a = snap(
            "2026-10-01",
            "2026-10-20",
            vec![
                module("sales", LicenseKind::User, 25, 22),
                module("old", LicenseKind::User, 1, 0),
                module("server", LicenseKind::Site, 1, 1),
            ],
            79,
        );
        let b = snap(
            "2026-11-01",
            "2027-12-01",
            vec![
                module("sales", LicenseKind::User, 30, 23),
                module("new", LicenseKind::User, 5, 0),
                module("server", LicenseKind::Site, 1, 1),
            ],
            87,
        );
        let c = changes(&[a.clone(), b.clone()]);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].from, c[0].to), (day("2026-10-01"), day("2026-11-01")));
        assert_eq!(
            c[0].items,
            [
                ChangeItem::Expiry {
                    owner: "SO".into(),
                    from: Some(day("2026-10-20")),
                    to: Some(day("2027-12-01"))
                },
                ChangeItem::Status {
                    owner: "SO".into(),
                    from: Status::Warning,
                    to: Status::Ok
                },
                ChangeItem::ModuleAdded {
                    owner: "SO".into(),
                    module: "NEW".into(),
                    total: 5
                },
                ChangeItem::Total {
                    owner: "SO".into(),
                    module: "SALES".into(),
                    from: 25,
                    to: 30
                },
                ChangeItem::InUse {
                    owner: "SO".into(),
                    module: "SALES".into(),
                    from: 22,
                    to: 23
                },
                ChangeItem::ModuleRemoved {
                    owner: "SO".into(),
                    module: "OLD".into()
                },
                ChangeItem::LimitUsed {
                    name: "projects".into(),
                    from: 79,
                    to: 87,
                    limit: 100
                },
            ]
        );
        let t = module_trends(&[a.clone(), b.clone()]);
        assert_eq!(t.len(), 2, "the site license is not charted");
        assert_eq!(
            t[0].series[1].values,
            [None, Some(0.0)],
            "`new` did not exist before"
        );
        assert_eq!(t[1].series[0].values, [Some(25.0), Some(30.0)], "licensed");
        assert_eq!(t[1].series[1].values, [Some(22.0), Some(23.0)], "in use");
        assert_eq!(
            limit_trends(&[a, b])[0].series[1].values,
            [Some(79.0), Some(87.0)]
        );
    }
}
