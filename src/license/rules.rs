//! License stage 3, rules: the `--fail-on` grammar of `helpgen license check` → [`Rule`]s,
//! and their evaluation against an [`Analysis`] → the rules that tripped, with why.

use std::fmt;

use super::analyze::{Analysis, FindingKind, Status};

/// One condition that fails `license check`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// `expired`: an owner's license stopped working (expired without grace, or blocked
    /// after the grace period).
    Expired,
    /// `grace`: an owner is past its expiry date (in grace, expired or blocked).
    Grace,
    /// `expiring:<N>d`: an owner's license expires within N days (or already has).
    Expiring(u32),
    /// `over-assigned`: a restricted license has more users than it allows.
    OverAssigned,
    /// `full`: every license of a counted module is assigned.
    Full,
    /// `limit:<percent>`: a plan limit is used to this percentage or more.
    Limit(f64),
    /// `metered-overage`: a metered service is over its threshold.
    MeteredOverage,
    /// `prerequisite`: a module in use requires a module that is not licensed.
    Prerequisite,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Expired => f.write_str("expired"),
            Rule::Grace => f.write_str("grace"),
            Rule::Expiring(n) => write!(f, "expiring:{n}d"),
            Rule::OverAssigned => f.write_str("over-assigned"),
            Rule::Full => f.write_str("full"),
            Rule::Limit(p) => write!(f, "limit:{p}"),
            Rule::MeteredOverage => f.write_str("metered-overage"),
            Rule::Prerequisite => f.write_str("prerequisite"),
        }
    }
}

/// The rules `--fail-on` accepts, for error messages and `--help`.
pub const GRAMMAR: &str = "expired, grace, expiring:<N>d, over-assigned, full, limit:<percent>, \
     metered-overage, prerequisite";

/// Parses `--fail-on` values (each may hold several comma-separated rules).
pub fn parse(values: &[String]) -> anyhow::Result<Vec<Rule>> {
    let mut rules = Vec::new();
    for item in values.iter().flat_map(|v| v.split(',')) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        rules.push(parse_one(item)?);
    }
    if rules.is_empty() {
        anyhow::bail!("--fail-on needs at least one rule: {GRAMMAR}");
    }
    Ok(rules)
}

fn parse_one(item: &str) -> anyhow::Result<Rule> {
    let lower = item.to_ascii_lowercase();
    let rule = match lower.as_str() {
        "expired" => Rule::Expired,
        "grace" => Rule::Grace,
        "over-assigned" => Rule::OverAssigned,
        "full" => Rule::Full,
        "metered-overage" => Rule::MeteredOverage,
        "prerequisite" => Rule::Prerequisite,
        _ => {
            if let Some(days) = lower.strip_prefix("expiring:") {
                let n = days
                    .strip_suffix('d')
                    .and_then(|n| n.parse::<u32>().ok())
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "bad rule `{item}`: expected expiring:<days>d with a whole number of days, e.g. expiring:30d"
                        )
                    })?;
                Rule::Expiring(n)
            } else if let Some(p) = lower.strip_prefix("limit:") {
                let p = p.strip_suffix('%').unwrap_or(p);
                let v = p
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "bad rule `{item}`: expected limit:<percent> with a number above 0, e.g. limit:85"
                        )
                    })?;
                Rule::Limit(v)
            } else {
                anyhow::bail!("unknown rule `{item}`: expected one of {GRAMMAR}");
            }
        }
    };
    Ok(rule)
}

/// A rule that tripped, and on what.
#[derive(Debug, Clone, PartialEq)]
pub struct Trip {
    /// The rule as written back (`expiring:30d`).
    pub rule: String,
    /// What tripped it, one sentence.
    pub message: String,
}

/// Every (rule, reason) pair that trips, in rule order.
pub fn evaluate(rules: &[Rule], a: &Analysis) -> Vec<Trip> {
    let mut trips = Vec::new();
    for rule in rules {
        let mut trip = |message: String| {
            trips.push(Trip {
                rule: rule.to_string(),
                message,
            });
        };
        match *rule {
            Rule::Expired | Rule::Grace => {
                for o in &a.owners {
                    let hit = match rule {
                        Rule::Expired => matches!(o.status, Status::Expired | Status::Blocked),
                        _ => matches!(o.status, Status::Grace | Status::Expired | Status::Blocked),
                    };
                    if hit {
                        trip(format!(
                            "{} is {} (expired on {})",
                            o.name,
                            o.status.as_str(),
                            o.expiry.map_or_else(String::new, |d| d.to_string())
                        ));
                    }
                }
            }
            Rule::Expiring(n) => {
                for o in &a.owners {
                    if let (Some(expiry), Some(days)) = (o.expiry, o.days_left)
                        && days <= i64::from(n)
                    {
                        let when = match days {
                            d if d < 0 => format!("expired {} days ago", -d),
                            0 => "expires today".to_owned(),
                            1 => "expires in 1 day".to_owned(),
                            d => format!("expires in {d} days"),
                        };
                        trip(format!("{} {when} ({expiry})", o.name));
                    }
                }
            }
            Rule::OverAssigned | Rule::Full | Rule::Prerequisite => {
                for f in &a.findings {
                    match (&f.kind, rule) {
                        (
                            FindingKind::OverAssigned {
                                owner,
                                module,
                                in_use,
                                total,
                            },
                            Rule::OverAssigned,
                        ) => {
                            trip(format!(
                                "{owner} {module}: {in_use} assigned, {total} licensed"
                            ));
                        }
                        (
                            FindingKind::Full {
                                owner,
                                module,
                                total,
                            },
                            Rule::Full,
                        ) => {
                            trip(format!("{owner} {module}: all {total} licenses in use"));
                        }
                        (
                            FindingKind::Prerequisite {
                                owner,
                                module,
                                prerequisite,
                            },
                            Rule::Prerequisite,
                        ) => {
                            trip(format!(
                                "{owner} {module} is in use but requires {prerequisite}, which is not licensed"
                            ));
                        }
                        _ => {}
                    }
                }
            }
            Rule::Limit(p) => {
                for l in &a.plan_limits {
                    let hit = match l.percent {
                        Some(percent) => percent >= p,
                        None => l.used > 0,
                    };
                    if hit {
                        trip(format!(
                            "{}: {} of {} used ({}%)",
                            l.name,
                            l.used,
                            l.limit,
                            l.percent
                                .map_or_else(|| "-".to_owned(), |v| format!("{v:.0}"))
                        ));
                    }
                }
            }
            Rule::MeteredOverage => {
                if let Some(m) = &a.metered {
                    for s in m.services.iter().filter(|s| s.overage > 0.0) {
                        trip(format!(
                            "{}: {} {} over the threshold of {} {}",
                            s.key.as_str(),
                            s.overage,
                            s.unit,
                            s.threshold,
                            s.unit
                        ));
                    }
                }
            }
        }
    }
    trips
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::license::analyze::analyze;
    use crate::license::snapshot::{
        Customer, LicenseKind, Metered, MeteredService, Module, Owner, PlanLimit, ServiceKey,
        Snapshot, start_of,
    };

    fn strings(s: &str) -> Vec<String> {
        vec![s.to_owned()]
    }

    #[test]
    fn grammar() {
        assert_eq!(
            parse(&strings("expired, grace,expiring:30d,over-assigned,full,limit:85,metered-overage,prerequisite")).unwrap(),
            [
                Rule::Expired,
                Rule::Grace,
                Rule::Expiring(30),
                Rule::OverAssigned,
                Rule::Full,
                Rule::Limit(85.0),
                Rule::MeteredOverage,
                Rule::Prerequisite
            ]
        );
        assert_eq!(
            parse(&["LIMIT:90%".to_owned(), "expiring:0d".to_owned()]).unwrap(),
            [Rule::Limit(90.0), Rule::Expiring(0)]
        );
        let err = |s: &str| parse(&strings(s)).unwrap_err().to_string();
        assert_eq!(
            err("expird"),
            format!("unknown rule `expird`: expected one of {GRAMMAR}")
        );
        assert!(err("expiring:30").contains("expected expiring:<days>d"));
        assert!(err("expiring:-3d").contains("expected expiring:<days>d"));
        assert!(err("limit:lots").contains("expected limit:<percent>"));
        assert!(err("limit:0").contains("above 0"));
        assert!(err(" , ").contains("at least one rule"));
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn module(name: &str, total: i64, in_use: i64, prerequisite: Option<&str>) -> Module {
        Module {
            name: name.to_owned(),
            description: name.to_owned(),
            tooltip: None,
            kind: LicenseKind::User,
            total,
            in_use,
            unrestricted: false,
            hidden: false,
            user_plan: false,
            grants: Vec::new(),
            prerequisite: prerequisite.map(str::to_owned),
            sort: 0,
            pending: None,
        }
    }

    /// A snapshot where every rule has something to trip on (depending on the day).
    fn troubled() -> Snapshot {
        Snapshot {
            taken_at: start_of(day("2026-11-27")),
            time_known: false,
            customer: Customer::default(),
            owners: vec![
                Owner {
                    name: "ACME".to_owned(),
                    description: None,
                    expiry: Some(day("2026-12-15")),
                    admin_warning: None,
                    grace_until: Some(day("2026-12-29")),
                    next_check: None,
                    modules: vec![
                        module("over", 10, 11, None),
                        module("full", 5, 5, None),
                        module("sms", 5, 1, Some("dialer")),
                    ],
                    pending: None,
                },
                Owner {
                    name: "FOREVER".to_owned(),
                    description: None,
                    expiry: None,
                    admin_warning: None,
                    grace_until: None,
                    next_check: None,
                    modules: vec![module("ok", 10, 3, None)],
                    pending: None,
                },
            ],
            plan_limits: vec![PlanLimit {
                name: "projects".to_owned(),
                used: 87,
                limit: 100,
            }],
            metered: Some(Metered {
                period: "2026-11".to_owned(),
                users: 10,
                currency: None,
                services: vec![MeteredService {
                    key: ServiceKey::Storage,
                    unit: "GB".to_owned(),
                    used: 25.0,
                    base: 10.0,
                    per_user: 1.0,
                    unit_price: None,
                }],
            }),
            events: Vec::new(),
            sources: Vec::new(),
        }
    }

    #[track_caller]
    fn trips(rule: &str, at: &str) -> Vec<String> {
        let s = troubled();
        let a = analyze(&s, start_of(day(at)), false);
        evaluate(&parse(&strings(rule)).unwrap(), &a)
            .into_iter()
            .map(|t| format!("{}: {}", t.rule, t.message))
            .collect()
    }

    #[test]
    fn each_rule_trips_and_passes() {
        let today = "2026-11-27";
        assert!(trips("expired", today).is_empty());
        assert_eq!(
            trips("expired", "2026-12-30"),
            ["expired: ACME is blocked (expired on 2026-12-15)"]
        );
        assert!(trips("grace", today).is_empty());
        assert_eq!(
            trips("grace", "2026-12-16"),
            ["grace: ACME is grace (expired on 2026-12-15)"]
        );
        assert_eq!(
            trips("grace", "2026-12-30").len(),
            1,
            "blocked is past grace too"
        );
        assert_eq!(
            trips("expiring:30d", today),
            ["expiring:30d: ACME expires in 18 days (2026-12-15)"]
        );
        assert_eq!(
            trips("expiring:18d", today).len(),
            1,
            "the boundary day trips"
        );
        assert!(trips("expiring:17d", today).is_empty());
        assert_eq!(
            trips("expiring:0d", "2026-12-17"),
            ["expiring:0d: ACME expired 2 days ago (2026-12-15)"]
        );
        assert_eq!(
            trips("over-assigned", today),
            ["over-assigned: ACME over: 11 assigned, 10 licensed"]
        );
        assert_eq!(
            trips("full", today),
            ["full: ACME full: all 5 licenses in use"]
        );
        assert_eq!(
            trips("prerequisite", today),
            ["prerequisite: ACME sms is in use but requires dialer, which is not licensed"]
        );
        assert_eq!(
            trips("limit:85", today),
            ["limit:85: projects: 87 of 100 used (87%)"]
        );
        assert!(trips("limit:90", today).is_empty());
        assert_eq!(
            trips("metered-overage", today),
            ["metered-overage: storage: 5 GB over the threshold of 20 GB"]
        );
    }

    #[test]
    fn clean_snapshot_trips_nothing() {
        let mut s = troubled();
        s.owners.remove(0);
        s.plan_limits.clear();
        s.metered = None;
        let a = analyze(&s, s.taken_at, false);
        let all = parse(&strings(
            "expired,grace,expiring:3650d,over-assigned,full,limit:1,metered-overage,prerequisite",
        ))
        .unwrap();
        assert!(evaluate(&all, &a).is_empty());
    }
}
