//! License stage 1, input: helpgen's own snapshot format (schema version 1), in YAML or
//! JSON syntax. Unknown keys are errors, so a misspelt key never silently vanishes; every
//! error carries the `line:col` the YAML parser saw.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::snapshot::{
    self, Customer, Database, Deployment, Event, EventStatus, LicenseKind, LoadError, Metered,
    MeteredService, Module, ModulePending, Owner, OwnerPending, PlanLimit, ServiceKey,
    Subscription,
};

/// What one helpgen snapshot file says.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// When it was taken.
    pub taken_at: DateTime<FixedOffset>,
    /// False when `taken_at` is a date without a time.
    pub time_known: bool,
    /// The installation.
    pub customer: Customer,
    /// License owners.
    pub owners: Vec<Owner>,
    /// CRM Suite plan limits.
    pub plan_limits: Vec<PlanLimit>,
    /// Metered services.
    pub metered: Option<Metered>,
    /// System notifications.
    pub events: Vec<Event>,
}

/// Parses a helpgen snapshot written in YAML.
pub fn parse(file: &str, text: &str) -> Result<Part, LoadError> {
    let raw: RawSnapshot = crate::yaml::from_str(text)
        .map_err(|e| snapshot::yaml_error(file, &e, "invalid helpgen snapshot"))?;
    Ok(raw.into_part())
}

/// Parses a helpgen snapshot written in JSON syntax.
pub fn parse_json(file: &str, text: &str) -> Result<Part, LoadError> {
    let raw: RawSnapshot = serde_json::from_str(text)
        .map_err(|e| snapshot::json_error(file, &e, "invalid helpgen snapshot"))?;
    Ok(raw.into_part())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSnapshot {
    snapshot: Version,
    taken_at: Moment,
    customer: RawCustomer,
    #[serde(default)]
    owners: Vec<RawOwner>,
    #[serde(default)]
    plan_limits: Vec<RawLimit>,
    #[serde(default)]
    metered: Option<RawMetered>,
    #[serde(default)]
    events: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustomer {
    company: String,
    serial: String,
    #[serde(default)]
    product: Option<String>,
    #[serde(default)]
    deployment: Option<Deployment>,
    #[serde(default)]
    subscription: Option<Subscription>,
    #[serde(default)]
    plan: Option<String>,
    #[serde(default)]
    database: Option<Database>,
    #[serde(default)]
    logged_in_user: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOwner {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    expiry: Option<Day>,
    #[serde(default)]
    admin_warning: Option<Day>,
    #[serde(default)]
    grace_until: Option<Day>,
    #[serde(default)]
    next_check: Option<Day>,
    /// The expiry date of a pending new license (helpgen extension of the API's `New`).
    #[serde(default)]
    new_expiry: Option<Day>,
    #[serde(default)]
    modules: Vec<RawModule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModule {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    tooltip: Option<String>,
    #[serde(default, rename = "type")]
    kind: LicenseKind,
    total: u32,
    in_use: u32,
    #[serde(default)]
    unrestricted: bool,
    #[serde(default)]
    hidden: bool,
    #[serde(default)]
    user_plan: bool,
    #[serde(default)]
    grants: Vec<String>,
    #[serde(default)]
    prerequisite: Option<String>,
    #[serde(default)]
    sort: i64,
    /// The total a pending new license would bring (the API's `NumberOfLicensesNewTotal`).
    #[serde(default)]
    new_total: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLimit {
    name: String,
    used: u64,
    limit: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetered {
    period: Period,
    users: u64,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    services: Vec<RawService>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    key: ServiceKey,
    unit: String,
    used: Amount,
    threshold: RawThreshold,
    #[serde(default)]
    unit_price: Option<Amount>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThreshold {
    #[serde(default)]
    base: Amount,
    #[serde(default)]
    per_user: Amount,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    key: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    status: Option<EventStatus>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    activated: Option<Moment>,
    #[serde(default)]
    activated_by: Option<String>,
    #[serde(default)]
    expected_finish: Option<Moment>,
    #[serde(default)]
    system_wide: bool,
}

impl RawSnapshot {
    fn into_part(self) -> Part {
        let _ = self.snapshot;
        let c = self.customer;
        Part {
            taken_at: self.taken_at.at,
            time_known: self.taken_at.time_known,
            customer: Customer {
                company: c.company,
                serial: c.serial,
                product: c.product,
                deployment: c.deployment,
                subscription: c.subscription,
                plan: c.plan,
                database: c.database,
                logged_in_user: c.logged_in_user,
            },
            owners: self.owners.into_iter().map(RawOwner::into_owner).collect(),
            plan_limits: self
                .plan_limits
                .into_iter()
                .map(|l| PlanLimit {
                    name: l.name,
                    used: l.used,
                    limit: l.limit,
                })
                .collect(),
            metered: self.metered.map(|m| Metered {
                period: m.period.0,
                users: m.users,
                currency: m.currency,
                services: m
                    .services
                    .into_iter()
                    .map(|s| MeteredService {
                        key: s.key,
                        unit: s.unit,
                        used: s.used.0,
                        base: s.threshold.base.0,
                        per_user: s.threshold.per_user.0,
                        unit_price: s.unit_price.map(|p| p.0),
                    })
                    .collect(),
            }),
            events: self
                .events
                .into_iter()
                .map(|e| Event {
                    name: e.name.unwrap_or_else(|| e.key.clone()),
                    key: e.key,
                    status: e.status,
                    message: e.message.unwrap_or_default(),
                    activated: e.activated.map(|m| m.at.naive_local()),
                    activated_by: e.activated_by,
                    expected_finish: e.expected_finish.map(|m| m.at.naive_local()),
                    system_wide: e.system_wide,
                })
                .collect(),
        }
    }
}

impl RawOwner {
    fn into_owner(self) -> Owner {
        Owner {
            name: self.name,
            description: self.description,
            expiry: self.expiry.map(|d| d.0),
            admin_warning: self.admin_warning.map(|d| d.0),
            grace_until: self.grace_until.map(|d| d.0),
            next_check: self.next_check.map(|d| d.0),
            pending: self.new_expiry.map(|d| OwnerPending {
                expiry: Some(d.0),
                ..OwnerPending::default()
            }),
            modules: self
                .modules
                .into_iter()
                .map(|m| {
                    let total = i64::from(m.total);
                    let in_use = i64::from(m.in_use);
                    Module {
                        description: m.description.unwrap_or_else(|| m.name.clone()),
                        name: m.name,
                        tooltip: m.tooltip,
                        kind: m.kind,
                        total,
                        in_use,
                        unrestricted: m.unrestricted,
                        hidden: m.hidden,
                        user_plan: m.user_plan,
                        grants: m.grants,
                        prerequisite: m.prerequisite.filter(|p| !p.trim().is_empty()),
                        sort: m.sort,
                        pending: m.new_total.map(|n| {
                            let new_total = i64::from(n);
                            ModulePending {
                                added: new_total - total,
                                new_total,
                                new_free: new_total - in_use,
                            }
                        }),
                    }
                })
                .collect(),
        }
    }
}

/// Deserializes a string scalar through `parse`, failing inside the visitor so the YAML
/// parser attaches the scalar's own `line:col` (an error raised after deserializing would
/// point at the enclosing mapping).
fn from_str_with<'de, D, T>(
    d: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> de::Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v).map_err(E::custom)
        }
    }
    d.deserialize_str(V { expecting, parse })
}

/// Deserializes a number through `check`, failing inside the visitor (see
/// [`from_str_with`]).
fn number_with<'de, D, T>(
    d: D,
    expecting: &'static str,
    check: fn(f64) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<T> {
        expecting: &'static str,
        check: fn(f64) -> Result<T, String>,
    }
    impl<T> de::Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            (self.check)(v).map_err(E::custom)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            (self.check)(v as f64).map_err(E::custom)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            (self.check)(v as f64).map_err(E::custom)
        }
    }
    d.deserialize_f64(V { expecting, check })
}

/// The schema version; only 1 exists.
#[derive(Debug)]
struct Version;

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Version, D::Error> {
        number_with(d, "the schema version 1", |v| {
            if v == 1.0 {
                Ok(Version)
            } else {
                Err(format!(
                    "unsupported snapshot schema version {v}, expected 1"
                ))
            }
        })
    }
}

/// A point in time: RFC 3339, or a date (then the time is unknown).
#[derive(Debug)]
struct Moment {
    at: DateTime<FixedOffset>,
    time_known: bool,
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Moment, D::Error> {
        from_str_with(d, "an RFC 3339 date-time", |text| {
            snapshot::parse_moment(text)
                .map(|(at, time_known)| Moment { at, time_known })
                .ok_or_else(|| {
                    format!(
                        "`{text}` is not a date-time, expected RFC 3339 like 2026-11-27T09:30:00Z"
                    )
                })
        })
    }
}

/// A calendar day: `YYYY-MM-DD` (a date-time is accepted and cut to its date).
#[derive(Debug)]
struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        from_str_with(d, "a date YYYY-MM-DD", |text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .ok()
                .or_else(|| snapshot::parse_moment(text).map(|(at, _)| at.date_naive()))
                .map(Day)
                .ok_or_else(|| {
                    format!("`{text}` is not a date, expected YYYY-MM-DD like 2027-03-27")
                })
        })
    }
}

/// A billing month, `YYYY-MM`.
#[derive(Debug)]
struct Period(String);

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Period, D::Error> {
        from_str_with(d, "a month YYYY-MM", |text| {
            let t = text.trim();
            if t.len() == 7 && NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d").is_ok() {
                Ok(Period(t.to_owned()))
            } else {
                Err(format!(
                    "`{text}` is not a month, expected YYYY-MM like 2026-11"
                ))
            }
        })
    }
}

/// A finite, non-negative number.
#[derive(Debug, Default)]
struct Amount(f64);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        number_with(d, "a number of at least 0", |v| {
            if v.is_finite() && v >= 0.0 {
                Ok(Amount(v))
            } else {
                Err(format!(
                    "{v} is not a usable amount, expected a number of at least 0"
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "snapshot: 1\ntaken_at: 2026-11-27T09:30:00Z\ncustomer:\n  company: Voorbeeld BV\n  serial: \"8734223199\"\n";

    #[track_caller]
    fn check_err(text: &str, line: u32, column: u32, needle: &str) {
        let err = parse("s.yaml", text).unwrap_err();
        assert_eq!((err.line, err.column), (line, column), "{err}");
        assert!(err.message.contains(needle), "`{needle}` not in: {err}");
    }

    #[test]
    fn minimal_snapshot() {
        let p = parse("s.yaml", MINIMAL).unwrap();
        assert_eq!(p.taken_at.to_rfc3339(), "2026-11-27T09:30:00+00:00");
        assert!(p.time_known);
        assert_eq!(p.customer.company, "Voorbeeld BV");
        assert_eq!(p.customer.serial, "8734223199");
        assert!(p.owners.is_empty() && p.metered.is_none());
    }

    #[test]
    fn full_module_and_extensions() {
        let text = format!(
            "{MINIMAL}owners:\n  - name: SUPEROFFICE\n    expiry: 2027-03-27\n    new_expiry: 2028-03-27\n    modules:\n      - {{name: ten-sales, description: Sales Premium, type: user, total: 25, in_use: 23, user_plan: true, grants: [user, web], sort: 10, new_total: 30}}\n      - {{name: quote-cal, type: user, total: 5, in_use: 1, prerequisite: user, hidden: true}}\n"
        );
        let p = parse("s.yaml", &text).unwrap();
        let o = &p.owners[0];
        assert_eq!(o.expiry, NaiveDate::from_ymd_opt(2027, 3, 27));
        assert_eq!(
            o.pending.as_ref().and_then(|p| p.expiry),
            NaiveDate::from_ymd_opt(2028, 3, 27)
        );
        let m = &o.modules[0];
        assert_eq!((m.total, m.in_use, m.kind), (25, 23, LicenseKind::User));
        assert!(m.user_plan);
        assert_eq!(m.grants, ["user", "web"]);
        assert_eq!(
            m.pending,
            Some(ModulePending {
                added: 5,
                new_total: 30,
                new_free: 7
            })
        );
        assert_eq!(o.modules[1].description, "quote-cal");
        assert_eq!(o.modules[1].prerequisite.as_deref(), Some("user"));
    }

    #[test]
    fn unknown_keys_are_errors_with_their_position() {
        check_err(
            &format!("{MINIMAL}owners:\n  - name: A\n    expiri: 2027-01-01\n"),
            8,
            5,
            "unknown field `expiri`",
        );
        check_err(
            &format!("{MINIMAL}  colour: blue\n"),
            6,
            3,
            "unknown field `colour`",
        );
        check_err(
            &format!("{MINIMAL}extra: 1\n"),
            6,
            1,
            "unknown field `extra`",
        );
    }

    #[test]
    fn wrong_types_and_values_are_errors_with_their_position() {
        check_err(
            &format!(
                "{MINIMAL}owners:\n  - name: A\n    modules:\n      - {{name: x, total: many, in_use: 1}}\n"
            ),
            9,
            26,
            "owners[0].modules[0].total: invalid type: string \"many\", expected u32",
        );
        check_err(
            &format!("{MINIMAL}owners:\n  - name: A\n    expiry: 2027-02-30\n"),
            8,
            13,
            "expected YYYY-MM-DD",
        );
        check_err(
            &MINIMAL.replace("snapshot: 1", "snapshot: 2"),
            1,
            11,
            "unsupported snapshot schema version 2",
        );
        check_err(
            &MINIMAL.replace("2026-11-27T09:30:00Z", "yesterday"),
            2,
            11,
            "expected RFC 3339",
        );
        check_err(
            &format!(
                "{MINIMAL}metered:\n  period: 2026-11\n  users: 4\n  services:\n    - {{key: storage, unit: GB, used: -1, threshold: {{base: 1}}}}\n"
            ),
            10,
            38,
            "metered.services[0].used: -1 is not a usable amount, expected a number of at least 0",
        );
        check_err(
            &format!(
                "{MINIMAL}metered:\n  period: 2026-11\n  users: 4\n  services:\n    - {{key: disk, unit: GB, used: 1, threshold: {{base: 1}}}}\n"
            ),
            10,
            13,
            "metered.services[0].key: unknown variant `disk`, expected one of `storage`",
        );
        check_err(
            &format!("{MINIMAL}metered:\n  period: November\n  users: 4\n"),
            7,
            11,
            "expected YYYY-MM",
        );
        check_err(
            "snapshot: 1\ntaken_at: 2026-11-27T09:30:00Z\ncustomer:\n  company: X\n",
            4,
            3,
            "missing field `serial`",
        );
    }

    #[test]
    fn json_syntax_is_accepted_and_located() {
        let p = parse_json(
            "s.json",
            "{\"snapshot\": 1, \"taken_at\": \"2026-11-27\", \"customer\": {\"company\": \"X\", \"serial\": \"1\"}}",
        )
        .unwrap();
        assert!(!p.time_known);
        let err = parse_json(
            "s.json",
            "{\"snapshot\": 1,\n \"taken_at\": \"2026-11-27\",\n \"customer\": {\"company\": \"X\", \"serial\": 1}}",
        )
        .unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("expected a string"), "{err}");
    }
}
