//! License stage 4, words: numbers, money, percentages, dates and finding messages in
//! one language, from the locale's `license_*` strings. The machine outputs (report.json,
//! `license check`) use English with ISO dates.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::analyze::{Finding, FindingKind, Level, Status};
use super::snapshot::{EventStatus, LicenseKind, ServiceKey};
use crate::i18n::{self, Locale};

/// Formats figures and messages for one language.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    locale: std::borrow::Cow<'a, Locale>,
    iso_dates: bool,
}

impl<'a> Words<'a> {
    /// Words in `locale`, dates in its own format.
    pub fn new(locale: &'a Locale) -> Words<'a> {
        Words {
            locale: std::borrow::Cow::Borrowed(locale),
            iso_dates: false,
        }
    }

    /// English with ISO dates, for report.json and the command line.
    pub fn machine() -> Words<'static> {
        Words {
            locale: std::borrow::Cow::Owned(i18n::builtin("en")),
            iso_dates: true,
        }
    }

    /// The locale.
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// The string for `key`.
    pub fn t(&self, key: &str) -> String {
        self.locale.get(key).to_owned()
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.locale.get(key).to_owned();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// A whole number with the language's grouping (`18,250`, `18.250`).
    pub fn int(&self, v: i64) -> String {
        self.locale.format_number(v as f64, 0)
    }

    /// A number with as many decimals as it needs (at most four).
    pub fn number(&self, v: f64) -> String {
        self.locale.format_number(v, decimals(v, 0))
    }

    /// An amount of money: at least two decimals (`EUR 8.10`, `8,10 EUR`).
    pub fn money(&self, v: f64, currency: Option<&str>) -> String {
        let amount = self.locale.format_number(v, decimals(v, 2));
        match currency.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => self.fill(
                "license_money_format",
                &[("amount", &amount), ("currency", c)],
            ),
            None => amount,
        }
    }

    /// A percentage, rounded to a whole number unless that would hide a difference from 100
    /// (`87%`, `99.5%`).
    pub fn percent(&self, v: f64) -> String {
        let shown = if v.fract() != 0.0 && (99.0..100.0).contains(&v) {
            self.locale.format_number(v, 1)
        } else {
            self.locale.format_number(v.round(), 0)
        };
        self.fill("license_percent_format", &[("value", &shown)])
    }

    /// A date (`March 27, 2027`, or `2027-03-27` for machines).
    pub fn date(&self, d: NaiveDate) -> String {
        if self.iso_dates {
            d.format("%Y-%m-%d").to_string()
        } else {
            self.locale.format_date(d)
        }
    }

    /// A date and time (`November 27, 2026 08:00`).
    pub fn datetime(&self, t: NaiveDateTime) -> String {
        if self.iso_dates {
            t.format("%Y-%m-%d %H:%M").to_string()
        } else {
            format!(
                "{} {}",
                self.locale.format_date(t.date()),
                t.format("%H:%M")
            )
        }
    }

    /// A billing month `YYYY-MM` as the locale names it (`November 2026`); other text as is.
    pub fn month(&self, period: &str) -> String {
        let parsed = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d");
        match parsed {
            Ok(d) if !self.iso_dates => {
                let name = self
                    .locale
                    .months
                    .get(d.month0() as usize)
                    .cloned()
                    .unwrap_or_else(|| d.month().to_string());
                self.fill(
                    "license_month_format",
                    &[("month", &name), ("year", &d.year().to_string())],
                )
            }
            _ => period.to_owned(),
        }
    }

    /// `120 days left`, `expires today`, `expired 3 days ago`.
    pub fn days_left(&self, days: i64) -> String {
        let n = self.locale.format_number(days.unsigned_abs() as f64, 0);
        match days {
            0 => self.t("license_expires_today"),
            1 => self.fill("license_day_left", &[("days", &n)]),
            -1 => self.fill("license_day_ago", &[("days", &n)]),
            d if d < 0 => self.fill("license_days_ago", &[("days", &n)]),
            _ => self.fill("license_days_left", &[("days", &n)]),
        }
    }

    /// The label of an owner status.
    pub fn status(&self, s: Status) -> String {
        self.t(&format!("license_status_{}", s.as_str()))
    }

    /// The label of a plan-limit level.
    pub fn level(&self, l: Level) -> String {
        self.t(&format!("license_level_{}", l.as_str()))
    }

    /// The label of a license type.
    pub fn kind(&self, k: LicenseKind) -> String {
        self.t(&format!("license_type_{}", k.as_str()))
    }

    /// The name of a metered service.
    pub fn service(&self, k: ServiceKey) -> String {
        self.t(&format!("license_service_{}", k.as_str().replace('-', "_")))
    }

    /// The label of an event status.
    pub fn event_status(&self, s: EventStatus) -> String {
        self.t(&format!("license_event_{}", s.as_str()))
    }

    /// One finding as a sentence in this language.
    pub fn finding(&self, f: &Finding) -> String {
        match &f.kind {
            FindingKind::Expired { owner, expiry } => self.fill(
                "license_finding_expired",
                &[("owner", owner), ("expiry", &self.date(*expiry))],
            ),
            FindingKind::Grace {
                owner,
                expiry,
                grace_until,
            } => self.fill(
                "license_finding_grace",
                &[
                    ("owner", owner),
                    ("expiry", &self.date(*expiry)),
                    ("grace_until", &self.date(*grace_until)),
                ],
            ),
            FindingKind::Blocked { owner, grace_until } => self.fill(
                "license_finding_blocked",
                &[("owner", owner), ("grace_until", &self.date(*grace_until))],
            ),
            FindingKind::Expiring {
                owner,
                expiry,
                days_left,
            } => self.fill(
                "license_finding_expiring",
                &[
                    ("owner", owner),
                    ("expiry", &self.date(*expiry)),
                    ("days_left", &self.days_left(*days_left)),
                ],
            ),
            FindingKind::OverAssigned {
                owner,
                module,
                in_use,
                total,
            } => self.fill(
                "license_finding_over_assigned",
                &[
                    ("owner", owner),
                    ("module", module),
                    ("in_use", &self.int(*in_use)),
                    ("total", &self.int(*total)),
                ],
            ),
            FindingKind::Full {
                owner,
                module,
                total,
            } => self.fill(
                "license_finding_full",
                &[
                    ("owner", owner),
                    ("module", module),
                    ("total", &self.int(*total)),
                ],
            ),
            FindingKind::Prerequisite {
                owner,
                module,
                prerequisite,
            } => self.fill(
                "license_finding_prerequisite",
                &[
                    ("owner", owner),
                    ("module", module),
                    ("prerequisite", prerequisite),
                ],
            ),
            FindingKind::PendingModule {
                owner,
                module,
                change,
            } => self.fill(
                "license_finding_pending_module",
                &[
                    ("owner", owner),
                    ("module", module),
                    ("added", &self.signed(change.added)),
                    ("new_total", &self.int(change.new_total)),
                    ("new_free", &self.int(change.new_free)),
                ],
            ),
            FindingKind::PendingOwner { owner, expiry } => match expiry {
                Some(d) => self.fill(
                    "license_finding_pending_owner",
                    &[("owner", owner), ("expiry", &self.date(*d))],
                ),
                None => self.fill("license_finding_pending_owner_open", &[("owner", owner)]),
            },
            FindingKind::LimitApproaching { name, used, limit } => self.fill(
                "license_finding_limit_approaching",
                &[
                    ("name", name),
                    ("used", &self.int(*used as i64)),
                    ("limit", &self.int(*limit as i64)),
                    (
                        "percent",
                        &self.percent(if *limit > 0 {
                            *used as f64 / *limit as f64 * 100.0
                        } else {
                            100.0
                        }),
                    ),
                ],
            ),
            FindingKind::LimitReached { name, used, limit } => self.fill(
                "license_finding_limit_reached",
                &[
                    ("name", name),
                    ("used", &self.int(*used as i64)),
                    ("limit", &self.int(*limit as i64)),
                ],
            ),
            FindingKind::MeteredOverage {
                key,
                unit,
                overage,
                threshold,
                cost,
                currency,
            } => {
                let args = [
                    ("service", self.service(*key)),
                    ("unit", unit.clone()),
                    ("overage", self.number(*overage)),
                    ("threshold", self.number(*threshold)),
                    (
                        "cost",
                        cost.map(|c| self.money(c, currency.as_deref()))
                            .unwrap_or_default(),
                    ),
                ];
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let key = if cost.is_some() {
                    "license_finding_metered_overage_cost"
                } else {
                    "license_finding_metered_overage"
                };
                self.fill(key, &args)
            }
        }
    }

    /// `+5`, `−3` (a real minus sign), `0`.
    pub fn signed(&self, v: i64) -> String {
        let magnitude = self.locale.format_number(v.unsigned_abs() as f64, 0);
        match v {
            v if v > 0 => format!("+{magnitude}"),
            v if v < 0 => format!("\u{2212}{magnitude}"),
            _ => magnitude,
        }
    }
}

/// The decimals `v` needs to be shown exactly (at least `min`, at most four).
fn decimals(v: f64, min: usize) -> usize {
    (min..=4)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            ((v * scale).round() / scale - v).abs() < 1e-9
        })
        .unwrap_or(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_follow_the_language() {
        let en = i18n::builtin("en");
        let nl = i18n::builtin("nl");
        let de = i18n::builtin("de");
        let (en, nl, de) = (Words::new(&en), Words::new(&nl), Words::new(&de));
        assert_eq!(en.money(8.1, Some("EUR")), "EUR 8.10");
        assert_eq!(nl.money(8.1, Some("EUR")), "EUR 8,10");
        assert_eq!(de.money(8.1, Some("EUR")), "8,10 EUR");
        assert_eq!(en.money(0.004, Some("EUR")), "EUR 0.004");
        assert_eq!(en.money(1234.5, None), "1,234.50");
        assert_eq!(en.number(18250.0), "18,250");
        assert_eq!(nl.number(4.2), "4,2");
        assert_eq!(en.percent(87.0), "87%");
        assert_eq!(de.percent(87.0), "87\u{a0}%");
        assert_eq!(en.percent(99.6), "99.6%");
        assert_eq!(en.percent(92.4), "92%");
        assert_eq!(en.days_left(120), "120 days left");
        assert_eq!(nl.days_left(18), "nog 18 dagen");
        assert_eq!(en.days_left(1), "1 day left");
        assert_eq!(en.days_left(0), "expires today");
        assert_eq!(en.days_left(-3), "expired 3 days ago");
        let d = NaiveDate::from_ymd_opt(2027, 3, 27).unwrap();
        assert_eq!(en.date(d), "March 27, 2027");
        assert_eq!(nl.date(d), "27 maart 2027");
        assert_eq!(Words::machine().date(d), "2027-03-27");
        assert_eq!(en.signed(-3), "\u{2212}3");
        assert_eq!(en.month("2026-11"), "November 2026");
        assert_eq!(nl.month("2026-11"), "november 2026");
        assert_eq!(Words::machine().month("2026-11"), "2026-11");
    }

    #[test]
    fn every_finding_has_a_message_in_every_language() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 27).unwrap();
        let kinds = [
            FindingKind::Expired {
                owner: "O".into(),
                expiry: d,
            },
            FindingKind::Grace {
                owner: "O".into(),
                expiry: d,
                grace_until: d,
            },
            FindingKind::Blocked {
                owner: "O".into(),
                grace_until: d,
            },
            FindingKind::Expiring {
                owner: "O".into(),
                expiry: d,
                days_left: 3,
            },
            FindingKind::OverAssigned {
                owner: "O".into(),
                module: "M".into(),
                in_use: 3,
                total: 2,
            },
            FindingKind::Full {
                owner: "O".into(),
                module: "M".into(),
                total: 2,
            },
            FindingKind::Prerequisite {
                owner: "O".into(),
                module: "M".into(),
                prerequisite: "P".into(),
            },
            FindingKind::PendingModule {
                owner: "O".into(),
                module: "M".into(),
                change: crate::license::snapshot::ModulePending {
                    added: 5,
                    new_total: 15,
                    new_free: 8,
                },
            },
            FindingKind::PendingOwner {
                owner: "O".into(),
                expiry: Some(d),
            },
            FindingKind::PendingOwner {
                owner: "O".into(),
                expiry: None,
            },
            FindingKind::LimitApproaching {
                name: "N".into(),
                used: 87,
                limit: 100,
            },
            FindingKind::LimitReached {
                name: "N".into(),
                used: 5,
                limit: 5,
            },
            FindingKind::MeteredOverage {
                key: ServiceKey::Storage,
                unit: "GB".into(),
                overage: 4.2,
                threshold: 57.0,
                cost: Some(2.1),
                currency: Some("EUR".into()),
            },
            FindingKind::MeteredOverage {
                key: ServiceKey::Mailings,
                unit: "e-mails".into(),
                overage: 1.0,
                threshold: 2.0,
                cost: None,
                currency: None,
            },
        ];
        for (lang, _) in i18n::BUILTIN {
            let locale = i18n::builtin(lang);
            let w = Words::new(&locale);
            for kind in &kinds {
                let f = Finding {
                    severity: crate::diag::Severity::Warning,
                    kind: kind.clone(),
                };
                let msg = w.finding(&f);
                assert!(
                    !msg.contains('{') && !msg.starts_with("license_"),
                    "{lang}: {msg}"
                );
            }
        }
        let w = Words::machine();
        let f = |kind: FindingKind| {
            w.finding(&Finding {
                severity: crate::diag::Severity::Warning,
                kind,
            })
        };
        assert_eq!(
            f(kinds[12].clone()),
            "Storage used: 4.2 GB over the threshold of 57 GB, EUR 2.10 extra"
        );
        assert_eq!(
            f(kinds[3].clone()),
            "O: the license expires on 2027-03-27 (3 days left)"
        );
    }
}
