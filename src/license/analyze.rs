//! License stage 2, analysis: a [`Snapshot`] and the moment to judge it at → owner
//! status and days left, per-module figures, user plans, plan-limit levels, metered
//! overage and cost, and [`Finding`]s. Pure: the moment is passed in, never read from the
//! clock, so the same snapshot always gives the same report.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::snapshot::{
    Customer, Event, EventStatus, LicenseKind, Module, ModulePending, OwnerPending, ServiceKey,
    Snapshot,
};
use crate::diag::Severity;

/// Days before expiry an owner is in warning when the license names no warning date.
pub const DEFAULT_WARNING_DAYS: i64 = 30;
/// Plan-limit use (percent) from which the limit is "approaching".
pub const APPROACHING_PERCENT: f64 = 85.0;
/// Plan-limit use (percent) from which the limit is "reached".
pub const REACHED_PERCENT: f64 = 100.0;

/// The state of an owner's license on the analysis day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Valid, no warning yet (or not time-limited).
    Ok,
    /// Valid, but expiry is near (from `AdminWarningDate`, or 30 days before expiry).
    Warning,
    /// Past expiry, within the grace period.
    Grace,
    /// Past expiry, with no grace period.
    Expired,
    /// Past the grace period.
    Blocked,
}

impl Status {
    /// The lower-case name used in report.json and `license check`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Grace => "grace",
            Status::Expired => "expired",
            Status::Blocked => "blocked",
        }
    }
}

/// How close a plan limit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Below 85 %.
    Normal,
    /// From 85 %.
    Approaching,
    /// From 100 %.
    Reached,
}

impl Level {
    /// The lower-case name used in report.json.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Normal => "normal",
            Level::Approaching => "approaching",
            Level::Reached => "reached",
        }
    }

    /// The level of `percent` used.
    pub fn of(percent: f64) -> Level {
        if percent >= REACHED_PERCENT {
            Level::Reached
        } else if percent >= APPROACHING_PERCENT {
            Level::Approaching
        } else {
            Level::Normal
        }
    }
}

/// Something worth telling the administrator, with the figures to say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Error, warning or info.
    pub severity: Severity,
    /// What was found.
    pub kind: FindingKind,
}

/// What a finding is about, with its figures (messages are made per language).
#[derive(Debug, Clone, PartialEq)]
pub enum FindingKind {
    /// Past expiry with no grace period.
    Expired {
        /// Owner name.
        owner: String,
        /// Expiry date.
        expiry: NaiveDate,
    },
    /// Past expiry, in the grace period.
    Grace {
        /// Owner name.
        owner: String,
        /// Expiry date.
        expiry: NaiveDate,
        /// Last day of grace.
        grace_until: NaiveDate,
    },
    /// Past the grace period.
    Blocked {
        /// Owner name.
        owner: String,
        /// Last day of grace.
        grace_until: NaiveDate,
    },
    /// In the warning period before expiry.
    Expiring {
        /// Owner name.
        owner: String,
        /// Expiry date.
        expiry: NaiveDate,
        /// Days until expiry.
        days_left: i64,
    },
    /// More licenses assigned than bought, on a restricted license.
    OverAssigned {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// Assigned.
        in_use: i64,
        /// Bought.
        total: i64,
    },
    /// Every license assigned.
    Full {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// Bought (and assigned).
        total: i64,
    },
    /// In use while the module it requires is not licensed.
    Prerequisite {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// The required module.
        prerequisite: String,
    },
    /// A pending license would change this module.
    PendingModule {
        /// Owner name.
        owner: String,
        /// Module description.
        module: String,
        /// The change.
        change: ModulePending,
    },
    /// A pending license would change this owner's expiry.
    PendingOwner {
        /// Owner name.
        owner: String,
        /// New expiry date.
        expiry: Option<NaiveDate>,
    },
    /// A plan limit at 85 % or more.
    LimitApproaching {
        /// What is limited.
        name: String,
        /// Used.
        used: u64,
        /// Allowed.
        limit: u64,
    },
    /// A plan limit at 100 % or more.
    LimitReached {
        /// What is limited.
        name: String,
        /// Used.
        used: u64,
        /// Allowed.
        limit: u64,
    },
    /// A metered service over its threshold.
    MeteredOverage {
        /// Which service.
        key: ServiceKey,
        /// Unit.
        unit: String,
        /// Over the threshold.
        overage: f64,
        /// The threshold.
        threshold: f64,
        /// What the overage costs, when priced.
        cost: Option<f64>,
        /// Currency of `cost`.
        currency: Option<String>,
    },
}

impl FindingKind {
    /// Stable kebab-case code, as `license check` and report.json show it.
    pub fn code(&self) -> &'static str {
        match self {
            FindingKind::Expired { .. } => "expired",
            FindingKind::Grace { .. } => "grace",
            FindingKind::Blocked { .. } => "blocked",
            FindingKind::Expiring { .. } => "expiring",
            FindingKind::OverAssigned { .. } => "over-assigned",
            FindingKind::Full { .. } => "full",
            FindingKind::Prerequisite { .. } => "prerequisite",
            FindingKind::PendingModule { .. } | FindingKind::PendingOwner { .. } => {
                "pending-change"
            }
            FindingKind::LimitApproaching { .. } => "limit-approaching",
            FindingKind::LimitReached { .. } => "limit-reached",
            FindingKind::MeteredOverage { .. } => "metered-overage",
        }
    }
}

/// A snapshot judged at one moment.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The moment (the snapshot's `taken_at`, or `--as-of`).
    pub as_of: DateTime<FixedOffset>,
    /// Whether `as_of` has a meaningful time of day.
    pub time_known: bool,
    /// The installation.
    pub customer: Customer,
    /// Owners in input order.
    pub owners: Vec<OwnerAnalysis>,
    /// Plan limits.
    pub plan_limits: Vec<LimitAnalysis>,
    /// Metered services.
    pub metered: Option<MeteredAnalysis>,
    /// System notifications, with their status settled.
    pub events: Vec<Event>,
    /// Every finding: owners, modules, limits, metered services, in that order.
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// The owner whose license expires first, with its expiry and days left.
    pub fn next_expiry(&self) -> Option<(&OwnerAnalysis, NaiveDate, i64)> {
        self.owners
            .iter()
            .filter_map(|o| Some((o, o.expiry?, o.days_left?)))
            .min_by_key(|(_, d, _)| *d)
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// One owner, judged.
#[derive(Debug, Clone)]
pub struct OwnerAnalysis {
    /// Owner name.
    pub name: String,
    /// Owner description.
    pub description: Option<String>,
    /// Status on the analysis day.
    pub status: Status,
    /// Days until expiry (negative after it); `None` when not time-limited.
    pub days_left: Option<i64>,
    /// Expiry date.
    pub expiry: Option<NaiveDate>,
    /// The day the warning period starts.
    pub warning_from: Option<NaiveDate>,
    /// Last day of grace.
    pub grace_until: Option<NaiveDate>,
    /// Next license check.
    pub next_check: Option<NaiveDate>,
    /// A pending new license.
    pub pending: Option<OwnerPending>,
    /// Modules sorted by sort order.
    pub modules: Vec<ModuleAnalysis>,
    /// Findings about the owner itself (expiry, pending license).
    pub findings: Vec<Finding>,
}

/// One module license, judged.
#[derive(Debug, Clone)]
pub struct ModuleAnalysis {
    /// The module as the snapshot has it.
    pub module: Module,
    /// Licenses not assigned (negative when over-assigned).
    pub free: i64,
    /// Percent assigned; `None` when nothing is licensed.
    pub percent: Option<f64>,
    /// For a user plan: the licenses it grants, resolved against the owner's modules.
    pub grants: Vec<Grant>,
    /// The required module, and whether it is licensed.
    pub prerequisite: Option<(String, bool)>,
    /// Findings about this module.
    pub findings: Vec<Finding>,
}

/// A license a user plan grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Module name.
    pub name: String,
    /// Its description, when the owner has that module.
    pub description: Option<String>,
    /// Whether that module is hidden.
    pub hidden: bool,
}

/// A plan limit, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitAnalysis {
    /// What is limited.
    pub name: String,
    /// Used.
    pub used: u64,
    /// Allowed.
    pub limit: u64,
    /// Percent used; `None` when the limit is 0.
    pub percent: Option<f64>,
    /// Normal, approaching or reached.
    pub level: Level,
}

/// Metered services, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct MeteredAnalysis {
    /// Billing month.
    pub period: String,
    /// Users the thresholds grow with.
    pub users: u64,
    /// Currency of prices and costs.
    pub currency: Option<String>,
    /// The services.
    pub services: Vec<ServiceAnalysis>,
    /// The projected extra invoice: the sum of the priced overages.
    pub projected_cost: f64,
}

/// One metered service, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceAnalysis {
    /// Which service.
    pub key: ServiceKey,
    /// Unit.
    pub unit: String,
    /// Usage this period.
    pub used: f64,
    /// Threshold base.
    pub base: f64,
    /// Threshold growth per user.
    pub per_user: f64,
    /// `base + per_user × users`.
    pub threshold: f64,
    /// Usage over the threshold (0 when under).
    pub overage: f64,
    /// Price per unit over the threshold.
    pub unit_price: Option<f64>,
    /// `overage × unit_price`, rounded to cents; `None` when unpriced.
    pub cost: Option<f64>,
}

/// Rounds away the noise of binary fractions (61.2 − 57 = 4.200000000000003).
pub fn tidy(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

/// Rounds money to cents.
pub fn cents(x: f64) -> f64 {
    tidy((x * 100.0).round() / 100.0)
}

/// Judges `snapshot` at `as_of` (its own `taken_at` unless overridden).
pub fn analyze(snapshot: &Snapshot, as_of: DateTime<FixedOffset>, time_known: bool) -> Analysis {
    let today = as_of.date_naive();
    let mut findings = Vec::new();
    let mut owners = Vec::with_capacity(snapshot.owners.len());
    for owner in &snapshot.owners {
        let (status, days_left, warning_from) =
            owner_status(today, owner.expiry, owner.admin_warning, owner.grace_until);
        let mut owner_findings = Vec::new();
        if let Some(expiry) = owner.expiry {
            let name = owner.name.clone();
            let f = match status {
                Status::Ok => None,
                Status::Warning => Some(Finding {
                    severity: Severity::Warning,
                    kind: FindingKind::Expiring {
                        owner: name,
                        expiry,
                        days_left: days_left.unwrap_or(0),
                    },
                }),
                Status::Grace => Some(Finding {
                    severity: Severity::Error,
                    kind: FindingKind::Grace {
                        owner: name,
                        expiry,
                        grace_until: owner.grace_until.unwrap_or(expiry),
                    },
                }),
                Status::Expired => Some(Finding {
                    severity: Severity::Error,
                    kind: FindingKind::Expired {
                        owner: name,
                        expiry,
                    },
                }),
                Status::Blocked => Some(Finding {
                    severity: Severity::Error,
                    kind: FindingKind::Blocked {
                        owner: name,
                        grace_until: owner.grace_until.unwrap_or(expiry),
                    },
                }),
            };
            owner_findings.extend(f);
        }
        if let Some(p) = &owner.pending
            && p.expiry != owner.expiry
        {
            owner_findings.push(Finding {
                severity: Severity::Info,
                kind: FindingKind::PendingOwner {
                    owner: owner.name.clone(),
                    expiry: p.expiry,
                },
            });
        }
        findings.extend(owner_findings.iter().cloned());

        let mut sorted: Vec<&Module> = owner.modules.iter().collect();
        sorted.sort_by(|a, b| a.sort.cmp(&b.sort).then_with(|| a.name.cmp(&b.name)));
        let modules: Vec<ModuleAnalysis> = sorted
            .into_iter()
            .map(|m| module_analysis(&owner.name, m, &owner.modules, snapshot))
            .collect();
        for m in &modules {
            findings.extend(m.findings.iter().cloned());
        }
        owners.push(OwnerAnalysis {
            name: owner.name.clone(),
            description: owner.description.clone(),
            status,
            days_left,
            expiry: owner.expiry,
            warning_from,
            grace_until: owner.grace_until,
            next_check: owner.next_check,
            pending: owner.pending.clone(),
            modules,
            findings: owner_findings,
        });
    }

    let plan_limits: Vec<LimitAnalysis> = snapshot
        .plan_limits
        .iter()
        .map(|l| {
            let percent = (l.limit > 0).then(|| tidy(l.used as f64 / l.limit as f64 * 100.0));
            let level = match percent {
                Some(p) => Level::of(p),
                None if l.used > 0 => Level::Reached,
                None => Level::Normal,
            };
            LimitAnalysis {
                name: l.name.clone(),
                used: l.used,
                limit: l.limit,
                percent,
                level,
            }
        })
        .collect();
    for l in &plan_limits {
        let kind = match l.level {
            Level::Normal => continue,
            Level::Approaching => FindingKind::LimitApproaching {
                name: l.name.clone(),
                used: l.used,
                limit: l.limit,
            },
            Level::Reached => FindingKind::LimitReached {
                name: l.name.clone(),
                used: l.used,
                limit: l.limit,
            },
        };
        findings.push(Finding {
            severity: Severity::Warning,
            kind,
        });
    }

    let metered = snapshot.metered.as_ref().map(|m| {
        let users = m.users as f64;
        let services: Vec<ServiceAnalysis> = m
            .services
            .iter()
            .map(|s| {
                let threshold = tidy(s.base + s.per_user * users);
                let overage = tidy((s.used - threshold).max(0.0));
                ServiceAnalysis {
                    key: s.key,
                    unit: s.unit.clone(),
                    used: tidy(s.used),
                    base: s.base,
                    per_user: s.per_user,
                    threshold,
                    overage,
                    unit_price: s.unit_price,
                    cost: s.unit_price.map(|p| cents(overage * p)),
                }
            })
            .collect();
        let projected_cost = cents(services.iter().filter_map(|s| s.cost).sum());
        MeteredAnalysis {
            period: m.period.clone(),
            users: m.users,
            currency: m.currency.clone(),
            services,
            projected_cost,
        }
    });
    if let Some(m) = &metered {
        for s in m.services.iter().filter(|s| s.overage > 0.0) {
            findings.push(Finding {
                severity: Severity::Warning,
                kind: FindingKind::MeteredOverage {
                    key: s.key,
                    unit: s.unit.clone(),
                    overage: s.overage,
                    threshold: s.threshold,
                    cost: s.cost,
                    currency: m.currency.clone(),
                },
            });
        }
    }

    // Events the API listed had been registered when the snapshot was taken: when only
    // the day is known, "now" is no earlier than the latest registration.
    let mut now = as_of.naive_local();
    if !time_known {
        now = snapshot
            .events
            .iter()
            .filter_map(|e| e.activated)
            .filter(|a| a.date() == now.date())
            .fold(now, NaiveDateTime::max);
    }
    let events = snapshot
        .events
        .iter()
        .map(|e| Event {
            status: Some(e.status.unwrap_or_else(|| event_status(e, now))),
            ..e.clone()
        })
        .collect();

    Analysis {
        as_of,
        time_known,
        customer: snapshot.customer.clone(),
        owners,
        plan_limits,
        metered,
        events,
        findings,
    }
}

/// Status, days left and the start of the warning period of a license on `today`.
pub fn owner_status(
    today: NaiveDate,
    expiry: Option<NaiveDate>,
    admin_warning: Option<NaiveDate>,
    grace_until: Option<NaiveDate>,
) -> (Status, Option<i64>, Option<NaiveDate>) {
    let Some(expiry) = expiry else {
        return (Status::Ok, None, None);
    };
    let days_left = (expiry - today).num_days();
    let warning_from = admin_warning
        .or_else(|| expiry.checked_sub_days(chrono::Days::new(DEFAULT_WARNING_DAYS as u64)));
    // A grace date before the expiry date gives no grace at all.
    let grace_until = grace_until.filter(|g| *g > expiry);
    let status = if today > expiry {
        match grace_until {
            Some(g) if today <= g => Status::Grace,
            Some(_) => Status::Blocked,
            None => Status::Expired,
        }
    } else if warning_from.is_some_and(|w| today >= w) {
        Status::Warning
    } else {
        Status::Ok
    };
    (status, Some(days_left), warning_from)
}

fn module_analysis(
    owner: &str,
    m: &Module,
    siblings: &[Module],
    snapshot: &Snapshot,
) -> ModuleAnalysis {
    let free = m.total.saturating_sub(m.in_use);
    let percent = (m.total > 0).then(|| tidy(m.in_use as f64 / m.total as f64 * 100.0));
    let mut findings = Vec::new();
    if !m.unrestricted && m.in_use > m.total {
        findings.push(Finding {
            severity: Severity::Error,
            kind: FindingKind::OverAssigned {
                owner: owner.to_owned(),
                module: m.description.clone(),
                in_use: m.in_use,
                total: m.total,
            },
        });
    } else if !m.unrestricted && !m.kind.is_switch() && m.total > 0 && m.in_use == m.total {
        findings.push(Finding {
            severity: Severity::Warning,
            kind: FindingKind::Full {
                owner: owner.to_owned(),
                module: m.description.clone(),
                total: m.total,
            },
        });
    }
    let prerequisite = m.prerequisite.as_ref().map(|p| {
        // The required module is looked up with the same owner first, then with any owner.
        let found = siblings
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(p))
            .or_else(|| {
                snapshot
                    .owners
                    .iter()
                    .flat_map(|o| &o.modules)
                    .find(|s| s.name.eq_ignore_ascii_case(p))
            });
        let licensed = found.is_some_and(|s| s.total > 0 || s.unrestricted);
        let shown = found.map_or_else(|| p.clone(), |s| s.description.clone());
        (shown, licensed)
    });
    if let Some((required, false)) = &prerequisite
        && m.in_use > 0
    {
        findings.push(Finding {
            severity: Severity::Error,
            kind: FindingKind::Prerequisite {
                owner: owner.to_owned(),
                module: m.description.clone(),
                prerequisite: required.clone(),
            },
        });
    }
    if let Some(change) = m.pending {
        findings.push(Finding {
            severity: Severity::Info,
            kind: FindingKind::PendingModule {
                owner: owner.to_owned(),
                module: m.description.clone(),
                change,
            },
        });
    }
    let grants = if m.user_plan {
        m.grants
            .iter()
            .map(|g| {
                let found = siblings.iter().find(|s| s.name.eq_ignore_ascii_case(g));
                Grant {
                    name: g.clone(),
                    description: found.map(|s| s.description.clone()),
                    hidden: found.is_some_and(|s| s.hidden),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    ModuleAnalysis {
        module: m.clone(),
        free,
        percent,
        grants,
        prerequisite,
        findings,
    }
}

/// The status of an event the source gave none for: scheduled before it starts, running
/// until its expected finish, finished after it.
fn event_status(e: &Event, now: NaiveDateTime) -> EventStatus {
    if e.activated.is_some_and(|a| a > now) {
        EventStatus::Scheduled
    } else if e.expected_finish.is_some_and(|f| f <= now) {
        EventStatus::Finished
    } else {
        EventStatus::Running
    }
}

/// Whether a module counts for the license table's usage charts (switch licenses are
/// always 1 of 1 and make flat lines).
pub fn charted(kind: LicenseKind) -> bool {
    !kind.is_switch()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::license::snapshot::{Metered, MeteredService, Owner, PlanLimit, start_of};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn module(name: &str, kind: LicenseKind, total: i64, in_use: i64) -> Module {
        Module {
            name: name.to_owned(),
            description: format!("{name} module"),
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

    fn snapshot(modules: Vec<Module>) -> Snapshot {
        Snapshot {
            taken_at: start_of(day("2026-11-27")),
            time_known: false,
            customer: Customer::default(),
            owners: vec![Owner {
                name: "SUPEROFFICE".to_owned(),
                description: None,
                expiry: None,
                admin_warning: None,
                grace_until: None,
                next_check: None,
                modules,
                pending: None,
            }],
            plan_limits: Vec::new(),
            metered: None,
            events: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn codes(a: &Analysis) -> Vec<&'static str> {
        a.findings.iter().map(|f| f.kind.code()).collect()
    }

    fn run(s: &Snapshot) -> Analysis {
        analyze(s, s.taken_at, false)
    }

    #[test]
    fn owner_status_over_time() {
        let exp = Some(day("2027-03-27"));
        let warn = Some(day("2027-02-27"));
        let grace = Some(day("2027-04-08"));
        let at = |d: &str| owner_status(day(d), exp, warn, grace);
        assert_eq!(at("2026-11-27").0, Status::Ok);
        assert_eq!(at("2026-11-27").1, Some(120));
        assert_eq!(at("2027-02-26").0, Status::Ok);
        assert_eq!(at("2027-02-27").0, Status::Warning);
        assert_eq!(
            at("2027-03-27"),
            (Status::Warning, Some(0), warn),
            "valid on its last day"
        );
        assert_eq!(at("2027-03-28").0, Status::Grace);
        assert_eq!(at("2027-04-08").0, Status::Grace);
        assert_eq!(at("2027-04-09"), (Status::Blocked, Some(-13), warn));
        // Without a grace date, past expiry is expired; without a warning date, the
        // warning starts 30 days before expiry.
        assert_eq!(
            owner_status(day("2027-03-28"), exp, None, None).0,
            Status::Expired
        );
        assert_eq!(
            owner_status(day("2027-02-25"), exp, None, None).0,
            Status::Warning
        );
        assert_eq!(
            owner_status(day("2027-02-24"), exp, None, None).0,
            Status::Ok
        );
        assert_eq!(
            owner_status(day("2027-02-24"), None, warn, grace),
            (Status::Ok, None, None)
        );
    }

    #[test]
    fn owner_findings() {
        let mut s = snapshot(Vec::new());
        s.owners[0].expiry = Some(day("2026-12-15"));
        s.owners[0].admin_warning = Some(day("2026-11-15"));
        s.owners[0].grace_until = Some(day("2026-12-29"));
        let a = run(&s);
        assert_eq!(a.owners[0].status, Status::Warning);
        assert_eq!(a.owners[0].days_left, Some(18));
        assert_eq!(codes(&a), ["expiring"]);
        assert_eq!(a.findings[0].severity, Severity::Warning);
        let later_on = |s: &Snapshot, d: &str| analyze(s, start_of(day(d)), false);
        let later = |d: &str| later_on(&s, d);
        assert_eq!(codes(&later("2026-12-20")), ["grace"]);
        assert_eq!(codes(&later("2027-01-05")), ["blocked"]);
        s.owners[0].grace_until = None;
        assert_eq!(codes(&later_on(&s, "2026-12-16")), ["expired"]);
        assert_eq!(
            later_on(&s, "2026-12-16").findings[0].severity,
            Severity::Error
        );
        s.owners[0].pending = Some(OwnerPending {
            expiry: Some(day("2027-12-15")),
            ..OwnerPending::default()
        });
        assert_eq!(codes(&later_on(&s, "2026-11-01")), ["pending-change"]);
    }

    #[test]
    fn module_figures_and_findings() {
        let mut unrestricted = module("visible-for", LicenseKind::User, 1, 12);
        unrestricted.unrestricted = true;
        let mut needs_missing = module("sms", LicenseKind::User, 5, 2);
        needs_missing.prerequisite = Some("dialer".to_owned());
        let mut needs_present = module("quote-cal", LicenseKind::User, 25, 18);
        needs_present.prerequisite = Some("user".to_owned());
        let mut needs_unused = module("fax", LicenseKind::User, 5, 0);
        needs_unused.prerequisite = Some("dialer".to_owned());
        let s = snapshot(vec![
            module("user", LicenseKind::User, 46, 39),
            module("over", LicenseKind::User, 10, 12),
            module("full", LicenseKind::User, 10, 10),
            module("server", LicenseKind::Site, 1, 1),
            unrestricted,
            needs_missing,
            needs_present,
            needs_unused,
        ]);
        let a = run(&s);
        let by_name = |n: &str| {
            a.owners[0]
                .modules
                .iter()
                .find(|m| m.module.name == n)
                .unwrap()
        };
        assert_eq!(
            (by_name("user").free, by_name("user").percent),
            (7, Some(84.782609))
        );
        let over = by_name("over");
        assert_eq!(
            (over.free, over.findings[0].kind.code()),
            (-2, "over-assigned")
        );
        assert_eq!(over.findings[0].severity, Severity::Error);
        let full = by_name("full");
        assert_eq!(full.findings[0].kind.code(), "full");
        assert_eq!(full.findings[0].severity, Severity::Warning);
        assert!(
            by_name("server").findings.is_empty(),
            "a site license is never full"
        );
        assert!(
            by_name("visible-for").findings.is_empty(),
            "unrestricted over-use is fine"
        );
        assert_eq!(by_name("visible-for").free, -11);
        let sms = by_name("sms");
        assert_eq!(sms.findings[0].kind.code(), "prerequisite");
        assert_eq!(sms.findings[0].severity, Severity::Error);
        assert_eq!(sms.prerequisite, Some(("dialer".to_owned(), false)));
        assert_eq!(
            by_name("quote-cal").prerequisite,
            Some(("user module".to_owned(), true))
        );
        assert!(
            by_name("fax").findings.is_empty(),
            "not in use: nothing breaks"
        );
        // Modules of equal sort order come by name: full, over, sms.
        assert_eq!(codes(&a), ["full", "over-assigned", "prerequisite"]);
    }

    #[test]
    fn user_plans_resolve_their_grants() {
        let mut plan = module("ten-sales", LicenseKind::User, 25, 23);
        plan.user_plan = true;
        plan.grants = vec!["user".to_owned(), "sale-cal".to_owned()];
        let mut user = module("user", LicenseKind::User, 46, 39);
        user.hidden = true;
        let a = run(&snapshot(vec![plan, user]));
        let grants = &a.owners[0].modules[0].grants;
        assert_eq!(
            grants[0],
            Grant {
                name: "user".to_owned(),
                description: Some("user module".to_owned()),
                hidden: true
            }
        );
        assert_eq!(grants[1].description, None);
    }

    #[test]
    fn pending_module_change() {
        let mut m = module("dialer", LicenseKind::User, 10, 7);
        m.pending = Some(ModulePending {
            added: 5,
            new_total: 15,
            new_free: 8,
        });
        let a = run(&snapshot(vec![m]));
        assert_eq!(codes(&a), ["pending-change"]);
        assert_eq!(a.findings[0].severity, Severity::Info);
    }

    #[test]
    fn plan_limit_levels() {
        assert_eq!(Level::of(84.99), Level::Normal);
        assert_eq!(Level::of(85.0), Level::Approaching);
        assert_eq!(Level::of(99.9), Level::Approaching);
        assert_eq!(Level::of(100.0), Level::Reached);
        assert_eq!(Level::of(120.0), Level::Reached);
        let mut s = snapshot(Vec::new());
        s.plan_limits = vec![
            PlanLimit {
                name: "active projects".to_owned(),
                used: 87,
                limit: 100,
            },
            PlanLimit {
                name: "active sales guides".to_owned(),
                used: 2,
                limit: 5,
            },
            PlanLimit {
                name: "custom objects".to_owned(),
                used: 5,
                limit: 5,
            },
            PlanLimit {
                name: "nothing allowed".to_owned(),
                used: 0,
                limit: 0,
            },
        ];
        let a = run(&s);
        let levels: Vec<(Option<f64>, Level)> =
            a.plan_limits.iter().map(|l| (l.percent, l.level)).collect();
        assert_eq!(
            levels,
            [
                (Some(87.0), Level::Approaching),
                (Some(40.0), Level::Normal),
                (Some(100.0), Level::Reached),
                (None, Level::Normal)
            ]
        );
        assert_eq!(codes(&a), ["limit-approaching", "limit-reached"]);
    }

    #[test]
    fn metered_threshold_overage_and_cost() {
        let svc = |key, used, base, per_user, price| MeteredService {
            key,
            unit: "u".to_owned(),
            used,
            base,
            per_user,
            unit_price: price,
        };
        let mut s = snapshot(Vec::new());
        s.metered = Some(Metered {
            period: "2026-11".to_owned(),
            users: 47,
            currency: Some("EUR".to_owned()),
            services: vec![
                svc(ServiceKey::Storage, 61.2, 10.0, 1.0, Some(0.5)),
                svc(ServiceKey::Mailings, 18250.0, 5000.0, 250.0, Some(0.004)),
                svc(
                    ServiceKey::CustomerCentreLogins,
                    940.0,
                    0.0,
                    20.0,
                    Some(0.1),
                ),
                svc(ServiceKey::ChatSessions, 312.0, 100.0, 5.0, Some(0.15)),
                svc(ServiceKey::FormSubmissions, 655.0, 500.0, 10.0, None),
            ],
        });
        let a = run(&s);
        let m = a.metered.as_ref().unwrap();
        let figures: Vec<(f64, f64, Option<f64>)> = m
            .services
            .iter()
            .map(|s| (s.threshold, s.overage, s.cost))
            .collect();
        assert_eq!(
            figures,
            [
                (57.0, 4.2, Some(2.1)),
                (16750.0, 1500.0, Some(6.0)),
                (940.0, 0.0, Some(0.0)),
                (335.0, 0.0, Some(0.0)),
                (970.0, 0.0, None)
            ]
        );
        assert_eq!(m.projected_cost, 8.1);
        assert_eq!(codes(&a), ["metered-overage", "metered-overage"]);
    }

    #[test]
    fn events_of_a_day_without_time_have_started() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok();
        let event = |registered: &str, eta: &str| Event {
            key: "k".to_owned(),
            name: "k".to_owned(),
            status: None,
            message: String::new(),
            activated: t(registered),
            activated_by: None,
            expected_finish: t(eta),
            system_wide: true,
        };
        let mut s = snapshot(Vec::new());
        s.events = vec![
            event("2026-11-27T08:00", "2026-11-27T10:00"),
            event("2026-11-27T09:05", "2026-11-27T09:45"),
            event("2026-11-26T23:00", "2026-11-26T23:30"),
        ];
        let statuses = |a: &Analysis| a.events.iter().map(|e| e.status).collect::<Vec<_>>();
        // A REST export dated by its name: it was made after the last registration.
        let a = analyze(&s, s.taken_at, false);
        let running = Some(EventStatus::Running);
        assert_eq!(
            statuses(&a),
            [running, running, Some(EventStatus::Finished)]
        );
        // With a known time, an event registered later is still to come.
        let at = s.taken_at + chrono::Duration::minutes(8 * 60 + 30);
        let a = analyze(&s, at, true);
        assert_eq!(
            statuses(&a),
            [
                running,
                Some(EventStatus::Scheduled),
                Some(EventStatus::Finished)
            ]
        );
    }

    #[test]
    fn event_status_from_times() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        let e = Event {
            key: "k".to_owned(),
            name: "k".to_owned(),
            status: None,
            message: String::new(),
            activated: Some(t("2026-11-27T08:00")),
            activated_by: None,
            expected_finish: Some(t("2026-11-27T10:00")),
            system_wide: true,
        };
        assert_eq!(
            event_status(&e, t("2026-11-27T07:00")),
            EventStatus::Scheduled
        );
        assert_eq!(
            event_status(&e, t("2026-11-27T09:30")),
            EventStatus::Running
        );
        assert_eq!(
            event_status(&e, t("2026-11-27T10:00")),
            EventStatus::Finished
        );
    }
}
