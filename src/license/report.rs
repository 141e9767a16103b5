//! License stage 4, output: analyses → the HTML report of one language (Tera template
//! `license.html` in the site's theme), report.json and licenses.csv. Everything that
//! comes from a snapshot reaches the HTML as plain text for Tera's autoescaping; nothing
//! here is marked safe.

use std::fmt::Write as _;

use chrono::SecondsFormat;
use serde::Serialize;

use super::analyze::{self, Analysis, Finding, ModuleAnalysis, OwnerAnalysis, Status};
use super::chart::{self, Chart};
use super::history::{self, ChangeItem, TrendSubject};
use super::snapshot::{Database, Deployment, History, Stamp, Subscription};
use super::text::Words;
use crate::diag::Severity;
use crate::theme::Theme;

/// The analysed history a report is made from.
#[derive(Debug, Clone)]
pub struct Report {
    /// One analysis per snapshot, oldest first; the last one is "now". Never empty.
    analyses: Vec<Analysis>,
}

impl Report {
    /// Analyses every snapshot at its own time; the newest at `as_of` when given.
    /// `None` for an empty history.
    pub fn new(history: &History, as_of: Option<Stamp>) -> Option<Report> {
        let n = history.snapshots.len();
        if n == 0 {
            return None;
        }
        let analyses = history
            .snapshots
            .iter()
            .enumerate()
            .map(|(i, s)| match as_of {
                Some((at, known)) if i + 1 == n => analyze::analyze(s, at, known),
                _ => analyze::analyze(s, s.taken_at, s.time_known),
            })
            .collect();
        Some(Report { analyses })
    }

    /// Every analysis, oldest first.
    pub fn analyses(&self) -> &[Analysis] {
        &self.analyses
    }

    /// The newest analysis.
    pub fn current(&self) -> &Analysis {
        match self.analyses.last() {
            Some(a) => a,
            None => unreachable!("Report::new never builds an empty report"),
        }
    }
}

/// Where a report page sits and how it links to the rest of the site.
#[derive(Debug, Clone)]
pub struct PageNav {
    /// Site-relative URL of the page, e.g. `nl/license/index.html`.
    pub url: String,
    /// Relative link to the start page (the site title links there).
    pub home: String,
    /// Every language's report page: code and site-relative URL.
    pub languages: Vec<(String, String)>,
    /// Relative link to report.json.
    pub json_href: String,
    /// Relative link to licenses.csv.
    pub csv_href: String,
    /// Site title.
    pub site_title: String,
    /// Site base URL, if known.
    pub base_url: Option<String>,
    /// The default language.
    pub default_language: String,
    /// `config.extra`.
    pub extra: serde_json::Value,
    /// Whether the header shows the "License status" link (site builds).
    pub license_link: bool,
}

/// Renders the report of `lang` with the theme's `license.html`.
pub fn render_html(
    report: &Report,
    theme: &Theme,
    lang: &str,
    nav: &PageNav,
) -> Result<Vec<u8>, String> {
    let locale = theme.locale(lang);
    let w = Words::new(locale);
    let view = view(report, &w, nav);
    let mut c = tera::Context::new();
    c.insert("lang", lang);
    c.insert_value("t", tera::Value::from_serializable(&locale.strings));
    c.insert(
        "site",
        &serde_json::json!({
            "title": nav.site_title,
            "base_url": nav.base_url,
            "lang": lang,
            "default_language": nav.default_language,
            "extra": nav.extra,
            "license": nav.license_link,
        }),
    );
    c.insert("language_name", locale.get("language_name"));
    c.insert("home", &nav.home);
    c.insert("root", &crate::path::root_prefix(&nav.url));
    #[derive(Serialize)]
    struct Alternate {
        code: String,
        name: String,
        href: String,
        current: bool,
        missing: bool,
    }
    #[derive(Serialize)]
    struct HrefLang {
        hreflang: String,
        href: String,
    }
    let languages: Vec<Alternate> = nav
        .languages
        .iter()
        .map(|(code, url)| Alternate {
            code: code.clone(),
            name: theme.locale(code).get("language_name").to_owned(),
            href: crate::path::relative_url(&nav.url, url),
            current: code == lang,
            missing: false,
        })
        .collect();
    let hreflang: Vec<HrefLang> = if languages.len() > 1 {
        languages
            .iter()
            .map(|l| HrefLang {
                hreflang: l.code.clone(),
                href: l.href.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    c.insert("languages", &languages);
    c.insert("hreflang", &hreflang);
    c.insert("sidebar", "");
    c.insert("breadcrumbs", &Vec::<String>::new());
    c.insert(
        "page",
        &serde_json::json!({
            "title": view.title,
            "lang": lang,
            "description": view.description,
            "noindex": true,
        }),
    );
    c.insert("r", &view);
    let mut buf = Vec::with_capacity(64 * 1024);
    theme
        .tera
        .render_to("license.html", &c, &mut buf)
        .map_err(|e| {
            format!(
                "template license.html failed: {}",
                crate::theme::error_chain(&e)
            )
        })?;
    Ok(buf)
}

#[derive(Debug, Serialize)]
struct View {
    title: String,
    description: String,
    as_of: String,
    as_of_iso: String,
    json_href: String,
    csv_href: String,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingView>,
    owners: Vec<OwnerView>,
    database: Vec<Field>,
    limits: Vec<LimitView>,
    metered: Option<MeteredView>,
    events: Vec<EventView>,
    history: Option<HistoryView>,
}

#[derive(Debug, Serialize)]
struct FindingView {
    severity: &'static str,
    label: String,
    code: &'static str,
    message: String,
}

#[derive(Debug, Serialize)]
struct Field {
    label: String,
    value: String,
    note: Option<String>,
    class: Option<String>,
}

#[derive(Debug, Serialize)]
struct OwnerView {
    id: String,
    name: String,
    description: Option<String>,
    status: &'static str,
    status_label: String,
    fields: Vec<Field>,
    visible: Vec<ModuleView>,
    hidden: Vec<ModuleView>,
    hidden_toggle: String,
    findings: Vec<FindingView>,
}

#[derive(Debug, Serialize)]
struct ModuleView {
    name: String,
    description: String,
    tooltip: Option<String>,
    kind: &'static str,
    kind_label: String,
    total: String,
    in_use: String,
    free: String,
    percent: String,
    bar: f64,
    state: &'static str,
    user_plan: bool,
    unrestricted: bool,
    grants: Option<String>,
    requires: Option<String>,
    requires_missing: bool,
    findings: Vec<FindingView>,
}

#[derive(Debug, Serialize)]
struct LimitView {
    name: String,
    text: String,
    percent: String,
    level: &'static str,
    level_label: String,
    bar: f64,
}

#[derive(Debug, Serialize)]
struct MeteredView {
    intro: String,
    rows: Vec<ServiceView>,
    projected: String,
    priced: bool,
}

#[derive(Debug, Serialize)]
struct ServiceView {
    key: &'static str,
    name: String,
    used: String,
    threshold: String,
    rule: String,
    overage: String,
    over: bool,
    unit_price: String,
    cost: String,
}

#[derive(Debug, Serialize)]
struct EventView {
    key: String,
    name: String,
    status: &'static str,
    status_label: String,
    message: String,
    activated: String,
    activated_by: String,
    expected_finish: String,
    type_label: String,
}

#[derive(Debug, Serialize)]
struct HistoryView {
    points: usize,
    module_charts: Vec<Chart>,
    service_charts: Vec<Chart>,
    limit_charts: Vec<Chart>,
    changes: Vec<ChangeView>,
}

#[derive(Debug, Serialize)]
struct ChangeView {
    period: String,
    items: Vec<String>,
}

fn finding_view(f: &Finding, w: &Words<'_>) -> FindingView {
    let severity = f.severity.as_str();
    FindingView {
        severity,
        label: w.t(&format!("license_severity_{severity}")),
        code: f.kind.code(),
        message: w.finding(f),
    }
}

fn field(label: String, value: String) -> Field {
    Field {
        label,
        value,
        note: None,
        class: None,
    }
}

/// A fragment id from an owner name: lower-case letters, digits and dashes.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_owned();
    if s.is_empty() { "owner".to_owned() } else { s }
}

fn view(report: &Report, w: &Words<'_>, nav: &PageNav) -> View {
    let a = report.current();
    let as_of = if a.time_known {
        w.datetime(a.as_of.naive_local())
    } else {
        w.date(a.as_of.date_naive())
    };
    let company = if a.customer.company.is_empty() {
        "—".to_owned()
    } else {
        a.customer.company.clone()
    };
    let mut ids: Vec<String> = Vec::new();
    let owners = a
        .owners
        .iter()
        .map(|o| {
            let mut id = format!("owner-{}", slug(&o.name));
            while ids.contains(&id) {
                id.push('-');
            }
            ids.push(id.clone());
            owner_view(o, a, w, id)
        })
        .collect();
    View {
        title: w.fill("license_page_title", &[("company", &company)]),
        description: w.fill("license_as_of", &[("date", &as_of)]),
        as_of_iso: a.as_of.to_rfc3339_opts(SecondsFormat::Secs, true),
        as_of,
        json_href: nav.json_href.clone(),
        csv_href: nav.csv_href.clone(),
        errors: a.count(Severity::Error),
        warnings: a.count(Severity::Warning),
        findings: a.findings.iter().map(|f| finding_view(f, w)).collect(),
        owners,
        database: database(a, w),
        limits: a
            .plan_limits
            .iter()
            .map(|l| LimitView {
                name: l.name.clone(),
                text: w.fill(
                    "license_limit_of",
                    &[
                        ("used", &w.int(l.used as i64)),
                        ("limit", &w.int(l.limit as i64)),
                        ("name", &l.name),
                    ],
                ),
                percent: l.percent.map_or_else(String::new, |p| w.percent(p)),
                level: l.level.as_str(),
                level_label: w.level(l.level),
                bar: l.percent.unwrap_or(100.0).clamp(0.0, 100.0),
            })
            .collect(),
        metered: a.metered.as_ref().map(|m| {
            let currency = m.currency.as_deref();
            MeteredView {
                intro: w.fill(
                    "license_metered_intro",
                    &[
                        ("period", &w.month(&m.period)),
                        ("users", &w.int(m.users as i64)),
                    ],
                ),
                priced: m.services.iter().any(|s| s.unit_price.is_some()),
                rows: m
                    .services
                    .iter()
                    .map(|s| {
                        let unit = |v: f64| format!("{} {}", w.number(v), s.unit);
                        ServiceView {
                            key: s.key.as_str(),
                            name: w.service(s.key),
                            used: unit(s.used),
                            threshold: unit(s.threshold),
                            rule: w.fill(
                                "license_threshold_rule",
                                &[
                                    ("base", &w.number(s.base)),
                                    ("per_user", &w.number(s.per_user)),
                                ],
                            ),
                            overage: unit(s.overage),
                            over: s.overage > 0.0,
                            unit_price: s
                                .unit_price
                                .map_or_else(String::new, |p| w.money(p, currency)),
                            cost: s.cost.map_or_else(String::new, |c| w.money(c, currency)),
                        }
                    })
                    .collect(),
                projected: w.money(m.projected_cost, currency),
            }
        }),
        events: a
            .events
            .iter()
            .map(|e| {
                let status = e.status.unwrap_or(super::snapshot::EventStatus::Running);
                EventView {
                    key: e.key.clone(),
                    name: e.name.clone(),
                    status: status.as_str(),
                    status_label: w.event_status(status),
                    message: e.message.clone(),
                    activated: e.activated.map_or_else(String::new, |t| w.datetime(t)),
                    activated_by: e.activated_by.clone().unwrap_or_default(),
                    expected_finish: e
                        .expected_finish
                        .map_or_else(String::new, |t| w.datetime(t)),
                    type_label: w.t(if e.system_wide {
                        "license_system_wide"
                    } else {
                        "license_not_system_wide"
                    }),
                }
            })
            .collect(),
        history: (report.analyses.len() > 1).then(|| history_view(report, w)),
    }
}

fn owner_view(o: &OwnerAnalysis, a: &Analysis, w: &Words<'_>, id: String) -> OwnerView {
    let mut fields = vec![
        field(w.t("license_company"), a.customer.company.clone()),
        field(w.t("license_serial"), a.customer.serial.clone()),
    ];
    if let Some(p) = &a.customer.product {
        fields.push(field(w.t("license_product"), p.clone()));
    }
    let (expiry, note) = match (o.expiry, o.days_left) {
        (Some(d), Some(days)) => (w.date(d), Some(w.days_left(days))),
        _ => (w.t("license_not_time_limited"), None),
    };
    fields.push(Field {
        label: w.t("license_expiry"),
        value: expiry,
        note,
        class: None,
    });
    fields.push(Field {
        label: w.t("license_status"),
        value: w.status(o.status),
        note: None,
        class: Some(format!("status status-{}", o.status.as_str())),
    });
    if o.expiry.is_some() {
        if let Some(d) = o.warning_from {
            fields.push(field(w.t("license_warning_from"), w.date(d)));
        }
        if let Some(d) = o.grace_until {
            fields.push(field(w.t("license_grace_until"), w.date(d)));
        }
    }
    if let Some(d) = o.next_check {
        fields.push(field(w.t("license_next_check"), w.date(d)));
    }
    if let Some(p) = &o.pending {
        let mut value = p.expiry.map_or_else(String::new, |d| w.date(d));
        if let Some(r) = &p.reason {
            if !value.is_empty() {
                value.push_str(" — ");
            }
            value.push_str(r);
        }
        fields.push(field(w.t("license_pending_license"), value));
    }
    let (hidden, visible): (Vec<&ModuleAnalysis>, Vec<&ModuleAnalysis>) =
        o.modules.iter().partition(|m| m.module.hidden);
    let hidden_count = w.int(hidden.len() as i64);
    OwnerView {
        id,
        name: o.name.clone(),
        description: o.description.clone(),
        status: o.status.as_str(),
        status_label: w.status(o.status),
        fields,
        visible: visible.into_iter().map(|m| module_view(m, w)).collect(),
        hidden: hidden.into_iter().map(|m| module_view(m, w)).collect(),
        hidden_toggle: w.fill("license_hidden_toggle", &[("count", &hidden_count)]),
        findings: o.findings.iter().map(|f| finding_view(f, w)).collect(),
    }
}

fn module_view(m: &ModuleAnalysis, w: &Words<'_>) -> ModuleView {
    let md = &m.module;
    let state = if md.unrestricted && md.in_use > md.total {
        "unrestricted"
    } else if md.in_use > md.total {
        "over"
    } else if md.total > 0 && md.in_use == md.total && !md.kind.is_switch() {
        "full"
    } else {
        "ok"
    };
    let grants = (!m.grants.is_empty()).then(|| {
        m.grants
            .iter()
            .map(|g| g.description.clone().unwrap_or_else(|| g.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    });
    ModuleView {
        name: md.name.clone(),
        description: md.description.clone(),
        tooltip: md.tooltip.clone(),
        kind: md.kind.as_str(),
        kind_label: w.kind(md.kind),
        total: w.int(md.total),
        in_use: w.int(md.in_use),
        free: w.int(m.free),
        percent: m.percent.map_or_else(String::new, |p| w.percent(p)),
        bar: m.percent.unwrap_or(0.0).clamp(0.0, 100.0),
        state,
        user_plan: md.user_plan,
        unrestricted: md.unrestricted,
        grants,
        requires: m.prerequisite.as_ref().map(|(p, _)| p.clone()),
        requires_missing: m.prerequisite.as_ref().is_some_and(|(_, ok)| !ok),
        findings: m.findings.iter().map(|f| finding_view(f, w)).collect(),
    }
}

fn database(a: &Analysis, w: &Words<'_>) -> Vec<Field> {
    let c = &a.customer;
    let mut rows = vec![
        field(w.t("license_owner"), c.company.clone()),
        field(w.t("license_serial"), c.serial.clone()),
    ];
    if let Some(s) = c.subscription {
        rows.push(field(
            w.t("license_subscription"),
            w.t(match s {
                Subscription::ModuleBased => "license_subscription_module_based",
                Subscription::CrmSuite => "license_subscription_crm_suite",
            }),
        ));
    }
    if let Some(p) = &c.plan {
        rows.push(field(w.t("license_plan"), p.clone()));
    }
    if let Some(d) = c.database {
        rows.push(field(
            w.t("license_database_type"),
            w.t(match d {
                Database::Central => "license_database_central",
                Database::Satellite => "license_database_satellite",
            }),
        ));
    }
    if let Some(d) = c.deployment {
        rows.push(field(
            w.t("license_deployment"),
            w.t(match d {
                Deployment::Online => "license_deployment_online",
                Deployment::Onsite => "license_deployment_onsite",
            }),
        ));
    }
    if let Some(p) = &c.product {
        rows.push(field(w.t("license_product"), p.clone()));
    }
    if let Some((o, date, days)) = a.next_expiry() {
        rows.push(Field {
            label: w.t("license_next_expiry"),
            value: format!("{} ({})", w.date(date), o.name),
            note: Some(w.days_left(days)),
            class: None,
        });
    }
    if let Some(u) = &c.logged_in_user {
        rows.push(field(w.t("license_logged_in_user"), u.clone()));
    }
    rows
}

fn history_view(report: &Report, w: &Words<'_>) -> HistoryView {
    let a = &report.analyses;
    let dates: Vec<_> = a.iter().map(|x| x.as_of.date_naive()).collect();
    let mut n = 0usize;
    let mut next_id = || {
        n += 1;
        format!("license-chart-{n}")
    };
    let title = |t: &history::Trend| match &t.subject {
        TrendSubject::Module {
            owner,
            module,
            hidden,
        } => {
            let mut s = format!("{owner} – {module}");
            if *hidden {
                let _ = write!(s, " ({})", w.t("license_hidden"));
            }
            s
        }
        TrendSubject::Service(k) => w.service(*k),
        TrendSubject::Limit(name) => name.clone(),
    };
    let mut charts = |trends: Vec<history::Trend>| -> Vec<Chart> {
        trends
            .iter()
            .map(|t| chart::layout(next_id(), title(t), t, &dates, w))
            .collect()
    };
    let module_charts = charts(history::module_trends(a));
    let service_charts = charts(history::service_trends(a));
    let limit_charts = charts(history::limit_trends(a));
    let changes = history::changes(a)
        .into_iter()
        .map(|c| ChangeView {
            period: w.fill(
                "license_change_period",
                &[("from", &w.date(c.from)), ("to", &w.date(c.to))],
            ),
            items: c.items.iter().map(|i| change_text(i, w)).collect(),
        })
        .collect();
    HistoryView {
        points: a.len(),
        module_charts,
        service_charts,
        limit_charts,
        changes,
    }
}

fn change_text(item: &ChangeItem, w: &Words<'_>) -> String {
    let opt_date = |d: &Option<chrono::NaiveDate>| {
        d.map_or_else(|| w.t("license_not_time_limited"), |d| w.date(d))
    };
    match item {
        ChangeItem::OwnerAdded { owner } => {
            w.fill("license_change_owner_added", &[("owner", owner)])
        }
        ChangeItem::OwnerRemoved { owner } => {
            w.fill("license_change_owner_removed", &[("owner", owner)])
        }
        ChangeItem::Expiry { owner, from, to } => w.fill(
            "license_change_expiry",
            &[
                ("owner", owner),
                ("from", &opt_date(from)),
                ("to", &opt_date(to)),
            ],
        ),
        ChangeItem::Status { owner, from, to } => w.fill(
            "license_change_status",
            &[
                ("owner", owner),
                ("from", &w.status(*from)),
                ("to", &w.status(*to)),
            ],
        ),
        ChangeItem::ModuleAdded {
            owner,
            module,
            total,
        } => w.fill(
            "license_change_module_added",
            &[
                ("owner", owner),
                ("module", module),
                ("total", &w.int(*total)),
            ],
        ),
        ChangeItem::ModuleRemoved { owner, module } => w.fill(
            "license_change_module_removed",
            &[("owner", owner), ("module", module)],
        ),
        ChangeItem::Total {
            owner,
            module,
            from,
            to,
        } => w.fill(
            "license_change_total",
            &[
                ("owner", owner),
                ("module", module),
                ("from", &w.int(*from)),
                ("to", &w.int(*to)),
            ],
        ),
        ChangeItem::InUse {
            owner,
            module,
            from,
            to,
        } => w.fill(
            "license_change_in_use",
            &[
                ("owner", owner),
                ("module", module),
                ("from", &w.int(*from)),
                ("to", &w.int(*to)),
            ],
        ),
        ChangeItem::LimitUsed {
            name,
            from,
            to,
            limit,
        } => w.fill(
            "license_change_limit",
            &[
                ("name", name),
                ("from", &w.int(*from as i64)),
                ("to", &w.int(*to as i64)),
                ("limit", &w.int(*limit as i64)),
            ],
        ),
        ChangeItem::LimitMax { name, from, to } => w.fill(
            "license_change_limit_max",
            &[
                ("name", name),
                ("from", &w.int(*from as i64)),
                ("to", &w.int(*to as i64)),
            ],
        ),
        ChangeItem::Users { from, to } => w.fill(
            "license_change_users",
            &[("from", &w.int(*from as i64)), ("to", &w.int(*to as i64))],
        ),
        ChangeItem::OverageStarted { key, overage, unit } => w.fill(
            "license_change_overage_start",
            &[
                ("service", &w.service(*key)),
                ("overage", &w.number(*overage)),
                ("unit", unit),
            ],
        ),
        ChangeItem::OverageEnded { key } => w.fill(
            "license_change_overage_end",
            &[("service", &w.service(*key))],
        ),
    }
}

// report.json: exactly the keys the issue lists, every figure and finding.

#[derive(Debug, Serialize)]
struct JsonReport {
    as_of: String,
    customer: JsonCustomer,
    owners: Vec<JsonOwner>,
    plan_limits: Vec<JsonLimit>,
    metered: Option<JsonMetered>,
    events: Vec<JsonEvent>,
    findings: Vec<JsonFinding>,
}

#[derive(Debug, Serialize)]
struct JsonCustomer {
    company: String,
    serial: String,
    product: Option<String>,
    deployment: Option<Deployment>,
    subscription: Option<Subscription>,
    plan: Option<String>,
    database: Option<Database>,
    logged_in_user: Option<String>,
}

#[derive(Debug, Serialize)]
struct JsonOwner {
    name: String,
    status: Status,
    days_left: Option<i64>,
    expiry: Option<String>,
    modules: Vec<JsonModule>,
}

#[derive(Debug, Serialize)]
struct JsonModule {
    name: String,
    description: String,
    #[serde(rename = "type")]
    kind: &'static str,
    total: i64,
    in_use: i64,
    free: i64,
    percent: Option<f64>,
    user_plan: bool,
    hidden: bool,
    findings: Vec<JsonFinding>,
}

#[derive(Debug, Serialize)]
struct JsonLimit {
    name: String,
    used: u64,
    limit: u64,
    percent: Option<f64>,
    level: analyze::Level,
}

#[derive(Debug, Serialize)]
struct JsonMetered {
    period: String,
    users: u64,
    currency: Option<String>,
    services: Vec<JsonService>,
    projected_cost: f64,
}

#[derive(Debug, Serialize)]
struct JsonService {
    key: &'static str,
    unit: String,
    used: f64,
    threshold: f64,
    overage: f64,
    cost: Option<f64>,
}

#[derive(Debug, Serialize)]
struct JsonEvent {
    key: String,
    name: String,
    status: Option<&'static str>,
    message: String,
    activated: Option<String>,
    activated_by: Option<String>,
    expected_finish: Option<String>,
    system_wide: bool,
}

#[derive(Debug, Serialize)]
struct JsonFinding {
    severity: Severity,
    code: &'static str,
    message: String,
}

fn json_finding(f: &Finding, w: &Words<'_>) -> JsonFinding {
    JsonFinding {
        severity: f.severity,
        code: f.kind.code(),
        message: w.finding(f),
    }
}

fn one_decimal(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// report.json of one analysis (pretty-printed, English messages, ISO dates).
pub fn to_json(a: &Analysis) -> String {
    let w = Words::machine();
    let time = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
    let doc = JsonReport {
        as_of: a.as_of.to_rfc3339_opts(SecondsFormat::Secs, true),
        customer: JsonCustomer {
            company: a.customer.company.clone(),
            serial: a.customer.serial.clone(),
            product: a.customer.product.clone(),
            deployment: a.customer.deployment,
            subscription: a.customer.subscription,
            plan: a.customer.plan.clone(),
            database: a.customer.database,
            logged_in_user: a.customer.logged_in_user.clone(),
        },
        owners: a
            .owners
            .iter()
            .map(|o| JsonOwner {
                name: o.name.clone(),
                status: o.status,
                days_left: o.days_left,
                expiry: o.expiry.map(|d| d.format("%Y-%m-%d").to_string()),
                modules: o
                    .modules
                    .iter()
                    .map(|m| JsonModule {
                        name: m.module.name.clone(),
                        description: m.module.description.clone(),
                        kind: m.module.kind.as_str(),
                        total: m.module.total,
                        in_use: m.module.in_use,
                        free: m.free,
                        percent: m.percent.map(one_decimal),
                        user_plan: m.module.user_plan,
                        hidden: m.module.hidden,
                        findings: m.findings.iter().map(|f| json_finding(f, &w)).collect(),
                    })
                    .collect(),
            })
            .collect(),
        plan_limits: a
            .plan_limits
            .iter()
            .map(|l| JsonLimit {
                name: l.name.clone(),
                used: l.used,
                limit: l.limit,
                percent: l.percent.map(one_decimal),
                level: l.level,
            })
            .collect(),
        metered: a.metered.as_ref().map(|m| JsonMetered {
            period: m.period.clone(),
            users: m.users,
            currency: m.currency.clone(),
            services: m
                .services
                .iter()
                .map(|s| JsonService {
                    key: s.key.as_str(),
                    unit: s.unit.clone(),
                    used: s.used,
                    threshold: s.threshold,
                    overage: s.overage,
                    cost: s.cost,
                })
                .collect(),
            projected_cost: m.projected_cost,
        }),
        events: a
            .events
            .iter()
            .map(|e| JsonEvent {
                key: e.key.clone(),
                name: e.name.clone(),
                status: e.status.map(|s| s.as_str()),
                message: e.message.clone(),
                activated: e.activated.map(time),
                activated_by: e.activated_by.clone(),
                expected_finish: e.expected_finish.map(time),
                system_wide: e.system_wide,
            })
            .collect(),
        findings: a.findings.iter().map(|f| json_finding(f, &w)).collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|e| format!("{{\"error\": {}}}", serde_json::Value::from(e.to_string())));
    text.push('\n');
    text
}

/// licenses.csv: one row per module license (hidden ones included), RFC 4180 quoting,
/// numbers with a decimal point.
pub fn to_csv(a: &Analysis) -> String {
    let w = Words::machine();
    let mut out = String::from(
        "owner,module,description,type,total,in_use,free,percent,user_plan,hidden,unrestricted,prerequisite,grants,findings\r\n",
    );
    for o in &a.owners {
        for m in &o.modules {
            let md = &m.module;
            let findings: Vec<String> = m.findings.iter().map(|f| w.finding(f)).collect();
            let cells = [
                text_cell(&o.name),
                text_cell(&md.name),
                text_cell(&md.description),
                md.kind.as_str().to_owned(),
                md.total.to_string(),
                md.in_use.to_string(),
                m.free.to_string(),
                m.percent
                    .map_or_else(String::new, |p| one_decimal(p).to_string()),
                md.user_plan.to_string(),
                md.hidden.to_string(),
                md.unrestricted.to_string(),
                text_cell(md.prerequisite.as_deref().unwrap_or("")),
                text_cell(&md.grants.join(" ")),
                text_cell(&findings.join("; ")),
            ];
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// A text cell: quoted when needed, and a leading `=`, `+`, `-` or `@` defused with an
/// apostrophe so spreadsheets never run snapshot text as a formula.
fn text_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(text_cell("plain"), "plain");
        assert_eq!(text_cell("a, b"), "\"a, b\"");
        assert_eq!(text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("SUPEROFFICE"), "superoffice");
        assert_eq!(slug("Acme Apps <AS>"), "acme-apps--as");
        assert_eq!(slug("<>"), "owner");
    }

    const SNAPSHOT: &str = "snapshot: 1
taken_at: 2026-11-27T09:30:00Z
customer: {company: Voorbeeld BV, serial: \"8734223199\", database: central}
owners:
  - name: SUPEROFFICE
    expiry: 2027-03-27
    modules:
      - {name: ten-sales, description: Sales Premium, type: user, total: 25, in_use: 23, user_plan: true, grants: [user], sort: 10}
      - {name: user, description: User login, type: user, total: 46, in_use: 39, hidden: true, sort: 35}
plan_limits:
  - {name: active projects, used: 87, limit: 100}
metered:
  period: 2026-11
  users: 47
  currency: EUR
  services:
    - {key: storage, unit: GB, used: 61.2, threshold: {base: 10, per_user: 1}, unit_price: 0.50}
    - {key: mailings, unit: e-mails, used: 18250, threshold: {base: 5000, per_user: 250}, unit_price: 0.004}
";

    fn report(texts: &[&str]) -> Report {
        let sources = texts
            .iter()
            .enumerate()
            .map(|(i, t)| crate::license::snapshot::parse(&format!("s{i}.yaml"), t).unwrap())
            .collect();
        let h = crate::license::snapshot::combine(sources, Default::default()).unwrap();
        Report::new(&h, None).unwrap()
    }

    fn object_keys(v: &serde_json::Value) -> Vec<&str> {
        let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    #[test]
    fn report_json_has_exactly_the_issue_keys() {
        let r = report(&[SNAPSHOT]);
        let v: serde_json::Value = serde_json::from_str(&to_json(r.current())).unwrap();
        assert_eq!(
            object_keys(&v),
            [
                "as_of",
                "customer",
                "events",
                "findings",
                "metered",
                "owners",
                "plan_limits"
            ]
        );
        assert_eq!(
            object_keys(&v["owners"][0]),
            ["days_left", "expiry", "modules", "name", "status"]
        );
        assert_eq!(
            object_keys(&v["owners"][0]["modules"][0]),
            [
                "description",
                "findings",
                "free",
                "hidden",
                "in_use",
                "name",
                "percent",
                "total",
                "type",
                "user_plan"
            ]
        );
        assert_eq!(
            object_keys(&v["plan_limits"][0]),
            ["level", "limit", "name", "percent", "used"]
        );
        assert_eq!(
            object_keys(&v["metered"]),
            ["currency", "period", "projected_cost", "services", "users"]
        );
        assert_eq!(
            object_keys(&v["metered"]["services"][0]),
            ["cost", "key", "overage", "threshold", "unit", "used"]
        );
        assert_eq!(
            object_keys(&v["findings"][0]),
            ["code", "message", "severity"]
        );
        assert_eq!(v["owners"][0]["days_left"], 120);
        assert_eq!(
            v["metered"]["services"][0]["threshold"].as_f64(),
            Some(57.0)
        );
        assert_eq!(v["metered"]["services"][0]["overage"].as_f64(), Some(4.2));
        assert_eq!(v["metered"]["projected_cost"].as_f64(), Some(8.1));
        assert_eq!(v["plan_limits"][0]["level"], "approaching");
    }

    #[test]
    fn html_has_both_views_and_a_toggle_without_script() {
        let later = SNAPSHOT
            .replace("2026-11-27T09:30:00Z", "2026-12-27T09:30:00Z")
            .replace("in_use: 23", "in_use: 24");
        let r = report(&[SNAPSHOT, &later]);
        let theme = crate::theme::Theme::builtin(&["nl".to_owned()]);
        let nav = PageNav {
            url: "nl/license/index.html".to_owned(),
            home: "../index.html".to_owned(),
            languages: vec![("nl".to_owned(), "nl/license/index.html".to_owned())],
            json_href: "report.json".to_owned(),
            csv_href: "licenses.csv".to_owned(),
            site_title: "Help".to_owned(),
            base_url: None,
            default_language: "nl".to_owned(),
            extra: serde_json::Value::Null,
            license_link: true,
        };
        let html = String::from_utf8(render_html(&r, &theme, "nl", &nav).unwrap()).unwrap();
        assert!(html.contains("<section id=\"licenses\""));
        assert!(html.contains("<section id=\"status\""));
        assert!(html.contains("<details class=\"license-hidden\">\n      <summary>Verborgen licenties tonen (1)</summary>"));
        assert!(html.contains("EUR 8,10"));
        assert!(html.contains("87 van 100 active projects"));
        assert!(html.contains("Gebruik in november 2026, met drempelwaarden voor 47 gebruikers."));
        assert!(html.contains("<dt>Type database</dt><dd>Centrale database</dd>"));
        assert!(html.contains("<section id=\"history\""));
        assert!(html.contains("SUPEROFFICE – Sales Premium: in gebruik 23 → 24"));
        assert!(html.contains("class=\"site-license\" href=\"../../nl/license/index.html\""));
        assert_eq!(
            html.matches("<svg").count(),
            5,
            "two licenses, two services, one limit"
        );
    }

    #[test]
    fn csv_has_a_row_per_module() {
        let r = report(&[SNAPSHOT]);
        let csv = to_csv(r.current());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[1],
            "SUPEROFFICE,ten-sales,Sales Premium,user,25,23,2,92,true,false,false,,user,"
        );
        assert_eq!(
            lines[2],
            "SUPEROFFICE,user,User login,user,46,39,7,84.8,false,true,false,,,"
        );
    }
}
