//! License stage 1, input: snapshot files (SuperOffice REST JSON or helpgen YAML, told
//! apart by their content) → typed [`Source`]s → one [`Snapshot`] per moment → a
//! [`History`] ordered by time. With `discover` and `output`, the only license code that
//! touches the file system ([`load`]).

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use super::{rest, yaml};
use crate::diag::Diagnostic;

/// The license state of one installation at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// When the snapshot was taken.
    pub taken_at: DateTime<FixedOffset>,
    /// False when only the date is known (a REST file dated by its name).
    pub time_known: bool,
    /// The installation.
    pub customer: Customer,
    /// License owners (SuperOffice, third parties), in input order.
    pub owners: Vec<Owner>,
    /// CRM Suite plan limits.
    pub plan_limits: Vec<PlanLimit>,
    /// Metered-service usage of the period.
    pub metered: Option<Metered>,
    /// System notifications.
    pub events: Vec<Event>,
    /// The files this snapshot was combined from, as shown in messages.
    pub sources: Vec<String>,
}

/// The installation a snapshot describes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Customer {
    /// Company name.
    pub company: String,
    /// License serial number.
    pub serial: String,
    /// Product, e.g. `SuperOffice CRM Online`.
    pub product: Option<String>,
    /// Online or onsite.
    pub deployment: Option<Deployment>,
    /// Module-based or CRM Suite.
    pub subscription: Option<Subscription>,
    /// The CRM Suite plan.
    pub plan: Option<String>,
    /// Central or satellite database.
    pub database: Option<Database>,
    /// Who was logged in when the snapshot was taken.
    pub logged_in_user: Option<String>,
}

/// Where SuperOffice runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Deployment {
    /// SuperOffice CRM Online.
    Online,
    /// Installed on the customer's own servers.
    Onsite,
}

/// How the installation is licensed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subscription {
    /// Modules and user plans bought one by one.
    ModuleBased,
    /// A CRM Suite plan with limits.
    CrmSuite,
}

/// The database type of the installation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Database {
    /// The central database.
    Central,
    /// A satellite (travel) database.
    Satellite,
}

/// One license issuer and its module licenses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// Owner name, e.g. `SUPEROFFICE`.
    pub name: String,
    /// Owner description, e.g. `SuperOffice AS`.
    pub description: Option<String>,
    /// Last day the license is valid; `None` when not time-limited.
    pub expiry: Option<NaiveDate>,
    /// From this day administrators are warned.
    pub admin_warning: Option<NaiveDate>,
    /// Last day of the grace period after expiry.
    pub grace_until: Option<NaiveDate>,
    /// Next day the license is checked with the license server.
    pub next_check: Option<NaiveDate>,
    /// The module licenses.
    pub modules: Vec<Module>,
    /// A new license waiting to be activated (`New` in the API).
    pub pending: Option<OwnerPending>,
}

/// A pending owner license (`ExtendedLicenseInfo.New`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnerPending {
    /// The expiry date the new license would bring.
    pub expiry: Option<NaiveDate>,
    /// Whether the API says it can be activated now.
    pub can_be_activated: Option<bool>,
    /// Why it cannot be activated, when the API says.
    pub reason: Option<String>,
}

/// The kind of a module license.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum LicenseKind {
    /// A system license (on or off for the whole installation).
    System,
    /// A site license (on or off for the whole installation).
    Site,
    /// A license per satellite database.
    Satellite,
    /// A license per user.
    User,
    /// The API did not say.
    #[default]
    Unknown,
}

impl LicenseKind {
    /// The lower-case name used in report.json, the CSV and the YAML format.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenseKind::System => "system",
            LicenseKind::Site => "site",
            LicenseKind::Satellite => "satellite",
            LicenseKind::User => "user",
            LicenseKind::Unknown => "unknown",
        }
    }

    /// Whether the license is on or off for the whole installation rather than counted
    /// per user or satellite (such a license is never "full").
    pub fn is_switch(self) -> bool {
        matches!(self, LicenseKind::System | LicenseKind::Site)
    }
}

/// One module license of an owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Module name (`ModuleName`), e.g. `ten-sales`.
    pub name: String,
    /// What users see, e.g. `Sales Premium`.
    pub description: String,
    /// Longer explanation.
    pub tooltip: Option<String>,
    /// System, site, satellite or user license.
    pub kind: LicenseKind,
    /// Licenses bought.
    pub total: i64,
    /// Licenses assigned.
    pub in_use: i64,
    /// Assigning more than `total` is allowed.
    pub unrestricted: bool,
    /// Not shown by default.
    pub hidden: bool,
    /// A user plan (`ExtraFlags` bit 1).
    pub user_plan: bool,
    /// The (hidden) licenses a user plan grants (`ExtraInfo` `set=…`).
    pub grants: Vec<String>,
    /// A module that must also be licensed.
    pub prerequisite: Option<String>,
    /// Sort order within the owner.
    pub sort: i64,
    /// What activating the pending license would change.
    pub pending: Option<ModulePending>,
}

/// The change a pending license brings to one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModulePending {
    /// Licenses added (negative when removed).
    pub added: i64,
    /// Total after activation.
    pub new_total: i64,
    /// Free after activation.
    pub new_free: i64,
}

/// A CRM Suite plan limit, e.g. 87 of 100 active projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLimit {
    /// What is limited, e.g. `active projects`.
    pub name: String,
    /// How many are used.
    pub used: u64,
    /// How many the plan allows.
    pub limit: u64,
}

/// Metered-service usage of one billing period.
#[derive(Debug, Clone, PartialEq)]
pub struct Metered {
    /// The month the usage belongs to, e.g. `2026-11`.
    pub period: String,
    /// Users the thresholds are computed from.
    pub users: u64,
    /// Currency of the unit prices, e.g. `EUR`.
    pub currency: Option<String>,
    /// The services.
    pub services: Vec<MeteredService>,
}

/// One metered service.
#[derive(Debug, Clone, PartialEq)]
pub struct MeteredService {
    /// Which service.
    pub key: ServiceKey,
    /// Unit of `used`, e.g. `GB`.
    pub unit: String,
    /// Usage this period.
    pub used: f64,
    /// Free usage before billing: `base` + `per_user` × users.
    pub base: f64,
    /// Threshold growth per user.
    pub per_user: f64,
    /// Price per unit over the threshold.
    pub unit_price: Option<f64>,
}

/// The metered services SuperOffice bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceKey {
    /// Storage used.
    Storage,
    /// E-mails sent via mailings.
    Mailings,
    /// Customer Centre logins.
    CustomerCentreLogins,
    /// Chat sessions started.
    ChatSessions,
    /// Form submissions.
    FormSubmissions,
}

impl ServiceKey {
    /// The kebab-case key of the YAML format and report.json.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKey::Storage => "storage",
            ServiceKey::Mailings => "mailings",
            ServiceKey::CustomerCentreLogins => "customer-centre-logins",
            ServiceKey::ChatSessions => "chat-sessions",
            ServiceKey::FormSubmissions => "form-submissions",
        }
    }
}

/// The state of a system event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventStatus {
    /// Not started yet.
    Scheduled,
    /// In progress.
    Running,
    /// Done.
    Finished,
    /// Stopped with an error.
    Failed,
}

impl EventStatus {
    /// The lower-case name used in report.json.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Scheduled => "scheduled",
            EventStatus::Running => "running",
            EventStatus::Finished => "finished",
            EventStatus::Failed => "failed",
        }
    }
}

/// A system notification (import, free-text indexing, SAINT recalculation…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Event key, e.g. `freetext-index` or `FreeTextIndex`.
    pub key: String,
    /// Display name.
    pub name: String,
    /// State; `None` when the source does not say (REST), derived from the times then.
    pub status: Option<EventStatus>,
    /// Message.
    pub message: String,
    /// When it started.
    pub activated: Option<NaiveDateTime>,
    /// Who started it.
    pub activated_by: Option<String>,
    /// When it is expected to finish.
    pub expected_finish: Option<NaiveDateTime>,
    /// Whether it concerns the whole system.
    pub system_wide: bool,
}

/// A snapshot file that could not be read, located at `file:line:col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column; 0 when unknown.
    pub column: u32,
    /// What is wrong and what was expected.
    pub message: String,
}

impl LoadError {
    /// An error at `line:column` of `file`.
    pub fn at(file: &str, (line, column): (u32, u32), message: impl Into<String>) -> LoadError {
        LoadError {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The same problem as a diagnostic (for `helpgen build`).
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error(
            "license-snapshot",
            &self.file,
            (self.line, self.column),
            &self.message,
        )
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.file, self.message),
            (l, 0) => write!(f, "{}:{l}: {}", self.file, self.message),
            (l, c) => write!(f, "{}:{l}:{c}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// What one file holds, after its format was recognised.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// A helpgen YAML (or JSON) snapshot.
    Helpgen(Box<yaml::Part>),
    /// `GET /api/v1/License` or `GET /api/v1/License/{owner}`.
    Licenses(rest::Licenses),
    /// `GET /api/v1/SystemEvent`.
    Events(Vec<Event>),
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file as the user named it.
    pub file: String,
    /// The date in the file's name (or its folder's), for REST files.
    pub named_date: Option<NaiveDate>,
    /// What it holds.
    pub content: Content,
}

/// Snapshots ordered by time, oldest first, and what combining them had to say.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// One snapshot per moment, oldest first; the last one is "now".
    pub snapshots: Vec<Snapshot>,
    /// Notes about combining files (a section given twice, an owner replaced).
    pub diagnostics: Vec<Diagnostic>,
}

impl History {
    /// The newest snapshot.
    pub fn current(&self) -> Option<&Snapshot> {
        self.snapshots.last()
    }
}

/// How to date files that do not carry their own time.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// The moment of REST files without a date in their name (`--taken-at`).
    pub taken_at: Option<DateTime<FixedOffset>>,
    /// The analysis date (`--as-of`), the last resort for undated REST files.
    pub as_of: Option<DateTime<FixedOffset>>,
}

/// File extensions read from a folder; a file named explicitly is read whatever its name.
const EXTENSIONS: [&str; 3] = ["json", "yaml", "yml"];

/// Lists the snapshot files of `paths` (files as given, folders walked in name order,
/// skipping hidden files and files without a snapshot extension).
pub fn list_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
        } else if path.is_dir() {
            let before = files.len();
            let walker = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                let entry =
                    entry.map_err(|e| anyhow::anyhow!("cannot list {}: {e}", path.display()))?;
                let wanted = entry.file_type().is_file()
                    && entry
                        .path()
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if wanted {
                    files.push(entry.into_path());
                }
            }
            if files.len() == before {
                anyhow::bail!(
                    "{} holds no snapshot files (*.json, *.yaml, *.yml)",
                    path.display()
                );
            }
        } else {
            anyhow::bail!("snapshot {} does not exist", path.display());
        }
    }
    Ok(files)
}

/// Reads, parses and combines the snapshot files of `paths` into a history. The first
/// unreadable or malformed file stops the load with an error naming `file:line:col`.
pub fn load(paths: &[PathBuf], opts: LoadOptions) -> anyhow::Result<History> {
    let files = list_files(paths)?;
    let mut sources = Vec::with_capacity(files.len());
    for file in &files {
        let shown = display_path(file);
        let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
        let text = crate::source::decode(&bytes)
            .map_err(|e| LoadError::at(&shown, (e.line, e.column), e.message))?;
        let mut source = parse(&shown, &text)?;
        source.named_date = date_in_path(file);
        sources.push(source);
    }
    Ok(combine(sources, opts)?)
}

/// How a path is shown in messages: relative to the current folder when inside it.
pub fn display_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

/// Recognises the format of `text` by its content and parses it.
pub fn parse(file: &str, text: &str) -> Result<Source, LoadError> {
    let trimmed = text.trim_start();
    let content = if trimmed.starts_with('{') || trimmed.starts_with('[') {
        parse_json(file, text)?
    } else {
        parse_yaml(file, text)?
    };
    Ok(Source {
        file: file.to_owned(),
        named_date: None,
        content,
    })
}

const NEITHER: &str = "expected a SuperOffice REST response (an array of ExtendedLicenseInfo from \
     GET /api/v1/License, one ExtendedLicenseInfo object, or {\"value\": [...]} from \
     GET /api/v1/SystemEvent) or a helpgen snapshot (YAML starting with `snapshot: 1`)";

fn parse_json(file: &str, text: &str) -> Result<Content, LoadError> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(json_err) => {
            // JSON-looking text may still be a YAML flow mapping holding a helpgen snapshot.
            if let Ok(serde_yaml::Value::Mapping(m)) =
                crate::yaml::from_str::<serde_yaml::Value>(text)
                && m.contains_key("snapshot")
            {
                return yaml::parse(file, text).map(|p| Content::Helpgen(Box::new(p)));
            }
            return Err(json_error(file, &json_err, "malformed JSON"));
        }
    };
    match &value {
        serde_json::Value::Array(items) => {
            let events = items
                .first()
                .and_then(|v| v.as_object())
                .is_some_and(|o| o.contains_key("Eventkey") || o.contains_key("SystemEventId"));
            if events {
                rest::parse_event_array(file, text).map(Content::Events)
            } else {
                rest::parse_licenses(file, text, true).map(Content::Licenses)
            }
        }
        serde_json::Value::Object(o) if o.contains_key("snapshot") => {
            yaml::parse_json(file, text).map(|p| Content::Helpgen(Box::new(p)))
        }
        serde_json::Value::Object(o) if o.contains_key("value") => {
            rest::parse_events(file, text).map(Content::Events)
        }
        serde_json::Value::Object(o)
            if ["Current", "New", "ExtendedModuleLicenses"]
                .iter()
                .any(|k| o.contains_key(*k)) =>
        {
            rest::parse_licenses(file, text, false).map(Content::Licenses)
        }
        _ => Err(LoadError::at(
            file,
            (1, 1),
            format!("unrecognised JSON: {NEITHER}"),
        )),
    }
}

fn parse_yaml(file: &str, text: &str) -> Result<Content, LoadError> {
    match crate::yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(m)) if m.contains_key("snapshot") => {
            yaml::parse(file, text).map(|p| Content::Helpgen(Box::new(p)))
        }
        Ok(serde_yaml::Value::Mapping(_)) => Err(LoadError::at(
            file,
            (1, 1),
            format!("a YAML mapping without a `snapshot:` key: {NEITHER}"),
        )),
        Ok(_) => Err(LoadError::at(
            file,
            (1, 1),
            format!("not a snapshot: {NEITHER}"),
        )),
        Err(e) => Err(yaml_error(file, &e, "neither JSON nor valid YAML")),
    }
}

/// A serde_json error as `file:line:col: context: message`.
pub(super) fn json_error(file: &str, e: &serde_json::Error, context: &str) -> LoadError {
    let msg = strip_position(&e.to_string());
    // serde_json puts an error at the very end of a line at column 0.
    let column = if e.line() > 0 { e.column().max(1) } else { 0 };
    LoadError::at(
        file,
        (e.line() as u32, column as u32),
        format!("{context}: {msg}"),
    )
}

/// A YAML error as `file:line:col: context: message`.
pub(super) fn yaml_error(file: &str, e: &serde_yaml::Error, context: &str) -> LoadError {
    let (line, column) = e
        .location()
        .map_or((0, 0), |l| (l.line() as u32, l.column() as u32));
    let msg = strip_position(&e.to_string());
    LoadError::at(file, (line, column), format!("{context}: {msg}"))
}

/// Drops the ` at line N column M` that serde errors append (the location is shown first).
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") => msg[..i].to_owned(),
        _ => msg.to_owned(),
    }
}

/// The first `YYYY-MM-DD` in the file name, else in the name of its folder.
pub fn date_in_path(path: &Path) -> Option<NaiveDate> {
    let name = path.file_name()?.to_string_lossy();
    date_in_name(&name).or_else(|| {
        let dir = path.parent()?.file_name()?.to_string_lossy();
        date_in_name(&dir)
    })
}

/// The first `YYYY-MM-DD` in `name` that is a real date.
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let s = name.get(i..i + 10)?;
        let shape = s.bytes().enumerate().all(|(j, b)| {
            if j == 4 || j == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_digit());
        if shape && before_ok && after_ok {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
        } else {
            None
        }
    })
}

/// Midnight of `date` in UTC.
pub fn start_of(date: NaiveDate) -> DateTime<FixedOffset> {
    DateTime::from_naive_utc_and_offset(date.and_time(NaiveTime::MIN), Utc.fix())
}

/// A moment and whether its time of day is known (false for a bare date).
pub type Stamp = (DateTime<FixedOffset>, bool);

/// Parses a date or date-time as the command line takes it (`--as-of`, `--taken-at`):
/// `YYYY-MM-DD` (midnight UTC), RFC 3339, or `YYYY-MM-DDTHH:MM[:SS]` (UTC).
pub fn parse_moment(text: &str) -> Option<Stamp> {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some((start_of(d), false));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some((dt, true));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(text, fmt) {
            return Some((DateTime::from_naive_utc_and_offset(n, Utc.fix()), true));
        }
    }
    None
}

/// One moment's sources, before combining.
struct Moment {
    date: NaiveDate,
    sources: Vec<Source>,
}

/// Groups sources into moments (one per calendar day) and combines each into a snapshot.
///
/// Within a moment the SuperOffice API is authoritative for what it returns (owners,
/// events) and the helpgen YAML adds the rest (customer details, plan limits, metered
/// usage); a section given twice by the same kind of file is taken from the later file,
/// with a warning.
pub fn combine(sources: Vec<Source>, opts: LoadOptions) -> Result<History, LoadError> {
    let mut moments: Vec<Moment> = Vec::new();
    let mut undated: Vec<Source> = Vec::new();
    for source in sources {
        let date = match &source.content {
            Content::Helpgen(p) => Some(p.taken_at.date_naive()),
            _ => source
                .named_date
                .or_else(|| opts.taken_at.map(|t| t.date_naive())),
        };
        match date {
            Some(date) => push_moment(&mut moments, date, source),
            None => undated.push(source),
        }
    }
    if !undated.is_empty() {
        let date = moments
            .iter()
            .map(|m| m.date)
            .max()
            .or_else(|| opts.as_of.map(|t| t.date_naive()));
        let Some(date) = date else {
            let file = &undated[0].file;
            return Err(LoadError::at(
                file,
                (0, 0),
                "cannot tell when this snapshot was taken: put its date in the file name \
                 (e.g. 2026-11-27-license.json), pass --taken-at DATE or --as-of DATE, or add \
                 a helpgen YAML snapshot with `taken_at`",
            ));
        };
        for source in undated {
            push_moment(&mut moments, date, source);
        }
    }
    moments.sort_by_key(|m| m.date);
    let mut history = History::default();
    for moment in moments {
        let snapshot = combine_moment(moment, opts, &mut history.diagnostics);
        history.snapshots.push(snapshot);
    }
    history.snapshots.sort_by_key(|s| s.taken_at);
    Ok(history)
}

fn push_moment(moments: &mut Vec<Moment>, date: NaiveDate, source: Source) {
    match moments.iter_mut().find(|m| m.date == date) {
        Some(m) => m.sources.push(source),
        None => moments.push(Moment {
            date,
            sources: vec![source],
        }),
    }
}

fn combine_moment(moment: Moment, opts: LoadOptions, diags: &mut Vec<Diagnostic>) -> Snapshot {
    let Moment { date, mut sources } = moment;
    // Helpgen files in time order first, then REST files; file name breaks ties.
    sources.sort_by(|a, b| {
        let key = |s: &Source| match &s.content {
            Content::Helpgen(p) => (0, Some(p.taken_at)),
            _ => (1, None),
        };
        key(a).cmp(&key(b)).then_with(|| a.file.cmp(&b.file))
    });
    let explicit = opts.taken_at.filter(|t| {
        t.date_naive() == date
            && sources
                .iter()
                .all(|s| !matches!(s.content, Content::Helpgen(_)))
    });
    let mut snapshot = Snapshot {
        taken_at: explicit.unwrap_or_else(|| start_of(date)),
        time_known: explicit.is_some(),
        customer: Customer::default(),
        owners: Vec::new(),
        plan_limits: Vec::new(),
        metered: None,
        events: Vec::new(),
        sources: sources.iter().map(|s| s.file.clone()).collect(),
    };
    let mut rest_customer: Option<Customer> = None;
    let mut owner_from: Vec<(String, bool)> = Vec::new();
    let mut events_from: Option<(String, bool)> = None;
    let mut helpgen_seen: Option<String> = None;
    for source in sources {
        let file = source.file;
        match source.content {
            Content::Helpgen(part) => {
                let part = *part;
                if let Some(previous) = &helpgen_seen {
                    diags.push(Diagnostic::warning(
                        "license-snapshot",
                        &file,
                        (0, 0),
                        format!(
                            "{previous} and {file} are both helpgen snapshots of {date}; where both give a section, {file} wins"
                        ),
                    ));
                }
                helpgen_seen = Some(file.clone());
                snapshot.taken_at = part.taken_at;
                snapshot.time_known = part.time_known;
                snapshot.customer = part.customer;
                for owner in part.owners {
                    replace_owner(
                        &mut snapshot.owners,
                        &mut owner_from,
                        owner,
                        &file,
                        false,
                        diags,
                    );
                }
                if !part.plan_limits.is_empty() {
                    snapshot.plan_limits = part.plan_limits;
                }
                if part.metered.is_some() {
                    snapshot.metered = part.metered;
                }
                if !part.events.is_empty() {
                    events_from = Some((file.clone(), false));
                    snapshot.events = part.events;
                }
            }
            Content::Licenses(licenses) => {
                if rest_customer.is_none() {
                    rest_customer = licenses.customer;
                }
                for owner in licenses.owners {
                    replace_owner(
                        &mut snapshot.owners,
                        &mut owner_from,
                        owner,
                        &file,
                        true,
                        diags,
                    );
                }
                diags.extend(
                    licenses
                        .notes
                        .into_iter()
                        .map(|m| Diagnostic::warning("license-snapshot", &file, (0, 0), m)),
                );
            }
            Content::Events(events) => {
                match &events_from {
                    Some((previous, true)) => diags.push(Diagnostic::warning(
                        "license-snapshot",
                        &file,
                        (0, 0),
                        format!("{previous} and {file} both list system events of {date}; {file} wins"),
                    )),
                    Some((previous, false)) => diags.push(Diagnostic::new(
                        crate::diag::Severity::Info,
                        "license-snapshot",
                        &file,
                        (0, 0),
                        format!("system events of {date} are taken from {file} (the API), not {previous}"),
                    )),
                    None => {}
                }
                events_from = Some((file.clone(), true));
                snapshot.events = events;
            }
        }
    }
    // The API's company, serial and product fill what the YAML did not say.
    if let Some(rest) = rest_customer {
        let c = &mut snapshot.customer;
        if c.company.is_empty() {
            c.company = rest.company;
        }
        if c.serial.is_empty() {
            c.serial = rest.serial;
        }
        c.product = c.product.take().or(rest.product);
        c.deployment = c.deployment.or(rest.deployment);
    }
    snapshot
}

/// Adds `owner`, replacing an owner of the same name (case-insensitive) from an earlier
/// file: an API owner replaces a YAML one quietly (with a note), a second owner of the
/// same kind of file with a warning.
fn replace_owner(
    owners: &mut Vec<Owner>,
    from: &mut Vec<(String, bool)>,
    owner: Owner,
    file: &str,
    is_rest: bool,
    diags: &mut Vec<Diagnostic>,
) {
    match owners
        .iter()
        .position(|o| o.name.eq_ignore_ascii_case(&owner.name))
    {
        Some(i) => {
            let (previous, previous_rest) = &from[i];
            let message = format!(
                "owner {} is in both {previous} and {file}; {file} is used",
                owner.name
            );
            let severity = if is_rest && !previous_rest {
                crate::diag::Severity::Info
            } else {
                crate::diag::Severity::Warning
            };
            diags.push(Diagnostic::new(
                severity,
                "license-snapshot",
                file,
                (0, 0),
                message,
            ));
            owners[i] = owner;
            from[i] = (file.to_owned(), is_rest);
        }
        None => {
            owners.push(owner);
            from.push((file.to_owned(), is_rest));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_names() {
        assert_eq!(
            date_in_name("2026-11-27-license.json"),
            NaiveDate::from_ymd_opt(2026, 11, 27)
        );
        assert_eq!(
            date_in_name("license-2026-08-01.yaml"),
            NaiveDate::from_ymd_opt(2026, 8, 1)
        );
        assert_eq!(date_in_name("license.json"), None);
        assert_eq!(date_in_name("2026-13-01.json"), None);
        assert_eq!(date_in_name("12026-11-27.json"), None);
        assert_eq!(
            date_in_path(Path::new("snap/2026-10-01/license.json")),
            NaiveDate::from_ymd_opt(2026, 10, 1)
        );
    }

    #[test]
    fn moments_from_the_command_line() {
        let (d, precise) = parse_moment("2026-11-27").unwrap();
        assert_eq!(d.to_rfc3339(), "2026-11-27T00:00:00+00:00");
        assert!(!precise);
        let (d, precise) = parse_moment("2026-11-27T09:30:00+01:00").unwrap();
        assert_eq!(
            d.date_naive(),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        );
        assert!(precise);
        assert!(parse_moment("27-11-2026").is_none());
        assert!(parse_moment("").is_none());
    }

    #[test]
    fn neither_format_is_one_clear_error() {
        let err = parse("notes.txt", "just some words\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1));
        assert!(err.message.contains("snapshot: 1"), "{}", err.message);
        let err = parse("x.json", "{\"hello\": 1}").unwrap_err();
        assert!(
            err.message.starts_with("unrecognised JSON"),
            "{}",
            err.message
        );
        let err = parse("x.json", "[1, 2,\n  oops]").unwrap_err();
        assert_eq!(
            err.to_string().split(':').take(3).collect::<Vec<_>>(),
            ["x.json", "2", "3"]
        );
        assert!(err.message.starts_with("malformed JSON"), "{}", err.message);
        let err = parse("x.yaml", "snapshot: 1\n  taken_at: [\n").unwrap_err();
        assert!(err.line >= 2, "{err}");
        assert!(
            err.message.starts_with("neither JSON nor valid YAML"),
            "{}",
            err.message
        );
        let err = parse("list.yaml", "- a\n- b\n").unwrap_err();
        assert!(err.message.starts_with("not a snapshot"), "{}", err.message);
    }

    const YAML: &str = "snapshot: 1\ntaken_at: TIME\ncustomer: {company: Yaml BV, serial: \"1\"}\nowners:\n  - {name: superoffice, modules: [{name: a, total: 1, in_use: 1}]}\nevents:\n  - {key: yaml-event}\n";
    const REST: &str = "[{\"Current\": {\"CompanyName\": \"Rest BV\", \"SerialNr\": \"2\", \"OwnerName\": \"SUPEROFFICE\", \"ProductDescription\": \"CRM\"}, \"ExtendedModuleLicenses\": [{\"Current\": {\"ModuleName\": \"a\"}, \"NumberOfLicensesTotal\": 5, \"NumberOfLicensesInUse\": 2}, {\"Current\": {\"ModuleName\": \"b\"}}]}]";
    const EVENTS: &str = "{\"value\": [{\"Eventkey\": \"Import\"}]}";

    fn source(file: &str, text: &str) -> Source {
        let mut s = parse(file, text).unwrap();
        s.named_date = date_in_name(file);
        s
    }

    fn yaml_at(file: &str, time: &str) -> Source {
        source(file, &YAML.replace("TIME", time))
    }

    #[test]
    fn moments_combine_per_day_and_order_by_time() {
        let h = combine(
            vec![
                yaml_at("b.yaml", "2026-11-01T06:00:00Z"),
                source("2026-11-27-license.json", REST),
                yaml_at("a.yaml", "2026-11-27T09:30:00Z"),
                source("2026-11-27-events.json", EVENTS),
            ],
            LoadOptions::default(),
        )
        .unwrap();
        assert_eq!(h.snapshots.len(), 2);
        let now = h.current().unwrap();
        assert_eq!(
            now.taken_at.to_rfc3339(),
            "2026-11-27T09:30:00+00:00",
            "the YAML's time"
        );
        assert!(now.time_known);
        assert_eq!(
            now.customer.company, "Yaml BV",
            "the YAML names the customer"
        );
        assert_eq!(
            now.customer.product.as_deref(),
            Some("CRM"),
            "the API fills the gaps"
        );
        assert_eq!(
            now.owners.len(),
            1,
            "the API's owner replaces the YAML's (names match case-insensitively)"
        );
        assert_eq!(now.owners[0].modules.len(), 2);
        assert_eq!(
            (
                now.owners[0].modules[0].total,
                now.owners[0].modules[0].in_use
            ),
            (5, 2)
        );
        assert_eq!(now.events.len(), 1);
        assert_eq!(now.events[0].key, "Import", "API events win");
        assert_eq!(
            now.sources,
            [
                "a.yaml",
                "2026-11-27-events.json",
                "2026-11-27-license.json"
            ]
        );
        let earlier = &h.snapshots[0];
        assert_eq!(earlier.customer.company, "Yaml BV");
        assert_eq!(earlier.events[0].key, "yaml-event");
        // Replacing YAML owners and events with the API's is expected: notes, not warnings.
        assert!(
            h.diagnostics
                .iter()
                .all(|d| d.severity == crate::diag::Severity::Info),
            "{:?}",
            h.diagnostics
        );
        assert_eq!(h.diagnostics.len(), 2);
    }

    #[test]
    fn the_same_section_twice_warns_and_the_later_wins() {
        let mut second = YAML.replace("TIME", "2026-11-27T15:00:00Z");
        second = second.replace("Yaml BV", "Later BV");
        let h = combine(
            vec![
                source("late.yaml", &second),
                yaml_at("early.yaml", "2026-11-27T09:00:00Z"),
            ],
            LoadOptions::default(),
        )
        .unwrap();
        assert_eq!(h.snapshots.len(), 1, "one moment per day");
        let s = h.current().unwrap();
        assert_eq!(s.customer.company, "Later BV");
        assert_eq!(s.taken_at.to_rfc3339(), "2026-11-27T15:00:00+00:00");
        let warnings: Vec<&str> = h
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Warning)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0]
                .contains("early.yaml and late.yaml are both helpgen snapshots of 2026-11-27")
        );
        assert!(warnings[1].contains("owner superoffice is in both early.yaml and late.yaml"));
    }

    #[test]
    fn undated_rest_files_join_the_newest_moment_or_need_a_date() {
        let h = combine(
            vec![
                source("license.json", REST),
                yaml_at("a.yaml", "2026-10-01T06:00:00Z"),
                yaml_at("b.yaml", "2026-11-01T06:00:00Z"),
            ],
            LoadOptions::default(),
        )
        .unwrap();
        assert_eq!(h.snapshots.len(), 2);
        assert_eq!(
            h.current().unwrap().owners[0].modules.len(),
            2,
            "joined 2026-11-01"
        );
        assert_eq!(h.snapshots[0].owners[0].modules.len(), 1);

        let err = combine(vec![source("license.json", REST)], LoadOptions::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("license.json: cannot tell when this snapshot was taken"),
            "{err}"
        );

        let (at, _) = parse_moment("2026-11-27T10:00:00Z").unwrap();
        let h = combine(
            vec![source("license.json", REST)],
            LoadOptions {
                taken_at: Some(at),
                as_of: None,
            },
        )
        .unwrap();
        let s = h.current().unwrap();
        assert_eq!(s.taken_at, at);
        assert!(s.time_known);
        assert_eq!(s.customer.company, "Rest BV");
        let h = combine(
            vec![source("license.json", REST)],
            LoadOptions {
                taken_at: None,
                as_of: Some(at),
            },
        )
        .unwrap();
        assert_eq!(
            h.current().unwrap().taken_at.to_rfc3339(),
            "2026-11-27T00:00:00+00:00"
        );
    }

    #[test]
    fn odd_input_never_panics() {
        let texts = [
            "",
            "   ",
            "\u{feff}",
            "{",
            "[",
            "[]",
            "{}",
            "null",
            "42",
            "\"text\"",
            "[1, \"two\", null]",
            "[null]",
            "[{}]",
            "[{\"Current\": null, \"New\": null}]",
            "[{\"Current\": {}, \"ExtendedModuleLicenses\": [{}, {\"New\": {}}]}]",
            "[{\"Current\": {\"OwnerName\": \"A\"}, \"ExtendedModuleLicenses\": [{\"Current\": {\"ModuleName\": \"x\", \"NumberOfLicenses\": 9223372036854775807}, \"NumberOfLicensesInUse\": -9223372036854775808, \"New\": {\"NumberOfLicenses\": -9223372036854775808}}]}]",
            "{\"value\": []}",
            "{\"value\": [{}]}",
            "{\"value\": null}",
            "[{\"Eventkey\": null, \"Registered\": \"0001-01-01T00:00:00\"}]",
            "snapshot:",
            "snapshot: 1",
            "snapshot: one",
            "snapshot: 1\ntaken_at: 2026-11-27\ncustomer: {company: \"\", serial: \"\"}\nowners: [{name: \"\", modules: [{name: \"\", total: 0, in_use: 4294967295, new_total: 0}]}]\nplan_limits: [{name: x, used: 18446744073709551615, limit: 0}]\nmetered: {period: 2026-11, users: 18446744073709551615, services: [{key: storage, unit: \"\", used: 1e308, threshold: {base: 1e308, per_user: 1e308}, unit_price: 1e308}]}",
            "snapshot: 1\ntaken_at: 2026-11-27\ncustomer: &a {company: x, serial: y}\nowners: *a",
            "- - - - - [",
            "key: [unbalanced",
            "\t\tsnapshot: 1",
        ];
        let theme = crate::theme::Theme::builtin(&["en".to_owned()]);
        let mut rendered = 0;
        for text in texts {
            let Ok(source) = parse("odd", text) else {
                continue;
            };
            let (at, _) = parse_moment("2026-11-27").unwrap();
            let Ok(history) = combine(
                vec![source],
                LoadOptions {
                    taken_at: None,
                    as_of: Some(at),
                },
            ) else {
                continue;
            };
            let Some(report) = crate::license::report::Report::new(&history, None) else {
                continue;
            };
            let json = crate::license::report::to_json(report.current());
            assert!(
                serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                "{text}: {json}"
            );
            let _ = crate::license::report::to_csv(report.current());
            let nav = crate::license::report::PageNav {
                url: "en/index.html".to_owned(),
                home: "index.html".to_owned(),
                languages: vec![("en".to_owned(), "en/index.html".to_owned())],
                json_href: "../report.json".to_owned(),
                csv_href: "../licenses.csv".to_owned(),
                site_title: "Help".to_owned(),
                base_url: None,
                default_language: "en".to_owned(),
                extra: serde_json::Value::Null,
                license_link: false,
            };
            crate::license::report::render_html(&report, &theme, "en", &nav).unwrap();
            rendered += 1;
        }
        assert!(
            rendered >= 9,
            "odd but valid snapshots still make a report: {rendered}"
        );
    }
}
