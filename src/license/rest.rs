//! License stage 1, input: SuperOffice REST JSON exactly as the web API returns it
//! (`GET /api/v1/License`, `GET /api/v1/License/{owner}`, `GET /api/v1/SystemEvent`).
//! Fields the API may add are ignored; a field of the wrong type is an error at its
//! `line:col`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde::de::{self, Deserializer};

use super::snapshot::{
    self, Customer, Deployment, Event, LicenseKind, LoadError, Module, ModulePending, Owner,
    OwnerPending,
};

/// What a License response holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licenses {
    /// Company, serial and product, from the first owner's `Current` license.
    pub customer: Option<Customer>,
    /// One owner per `ExtendedLicenseInfo`.
    pub owners: Vec<Owner>,
    /// Things worth telling the user (no usage figures, an owner without a license).
    pub notes: Vec<String>,
}

/// Parses `GET /api/v1/License` (an array when `array`) or `GET /api/v1/License/{owner}`.
pub fn parse_licenses(file: &str, text: &str, array: bool) -> Result<Licenses, LoadError> {
    let infos: Vec<ExtendedLicenseInfo> = if array {
        serde_json::from_str(text)
    } else {
        serde_json::from_str::<ExtendedLicenseInfo>(text).map(|i| vec![i])
    }
    .map_err(|e| {
        snapshot::json_error(
            file,
            &e,
            "not a SuperOffice License response (ExtendedLicenseInfo)",
        )
    })?;
    let mut out = Licenses {
        customer: None,
        owners: Vec::with_capacity(infos.len()),
        notes: Vec::new(),
    };
    for (i, info) in infos.into_iter().enumerate() {
        let ExtendedLicenseInfo {
            reason,
            can_be_activated,
            new,
            current,
            extended_module_licenses,
        } = info;
        let (head, pending) = match (current, new) {
            (Some(c), n) => (c, n),
            (None, Some(n)) => (n, None),
            (None, None) => {
                out.notes.push(format!(
                    "license entry {} has neither a Current nor a New license and is skipped",
                    i + 1
                ));
                continue;
            }
        };
        if out.customer.is_none() {
            out.customer = Some(Customer {
                company: head.company_name.clone().unwrap_or_default(),
                serial: head.serial_nr.clone().unwrap_or_default(),
                product: non_empty(head.product_description.clone()),
                deployment: deployment(head.product_type.as_deref()),
                ..Customer::default()
            });
        }
        let pending = pending
            .filter(|n| n.expiry_date.0 != head.expiry_date.0 || can_be_activated == Some(true))
            .map(|n| OwnerPending {
                expiry: n.expiry_date.0.map(|d| d.date()),
                can_be_activated,
                reason: non_empty(reason),
            });
        out.owners.push(owner(
            head,
            pending,
            extended_module_licenses,
            &mut out.notes,
        ));
    }
    Ok(out)
}

/// Parses `GET /api/v1/SystemEvent` (OData `{"value": [...]}`).
pub fn parse_events(file: &str, text: &str) -> Result<Vec<Event>, LoadError> {
    let page: ODataEvents = serde_json::from_str(text).map_err(|e| {
        snapshot::json_error(
            file,
            &e,
            "not a SuperOffice SystemEvent response ({\"value\": [SystemEventEntity…]})",
        )
    })?;
    Ok(page.value.into_iter().map(event).collect())
}

/// Parses a bare array of `SystemEventEntity`.
pub fn parse_event_array(file: &str, text: &str) -> Result<Vec<Event>, LoadError> {
    let items: Vec<SystemEventEntity> = serde_json::from_str(text).map_err(|e| {
        snapshot::json_error(
            file,
            &e,
            "not a SuperOffice SystemEvent list (SystemEventEntity)",
        )
    })?;
    Ok(items.into_iter().map(event).collect())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ExtendedLicenseInfo {
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    can_be_activated: Option<bool>,
    #[serde(default)]
    new: Option<LicenseInfo>,
    #[serde(default)]
    current: Option<LicenseInfo>,
    #[serde(default)]
    extended_module_licenses: Option<Vec<ExtendedModuleLicense>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct LicenseInfo {
    #[serde(default)]
    company_name: Option<String>,
    #[serde(default)]
    serial_nr: Option<String>,
    #[serde(default)]
    owner_name: Option<String>,
    #[serde(default)]
    owner_description: Option<String>,
    #[serde(default)]
    next_check_date: ApiDate,
    #[serde(default)]
    admin_warning_date: ApiDate,
    #[serde(default)]
    expiry_date: ApiDate,
    #[serde(default)]
    grace_date: ApiDate,
    #[serde(default)]
    product_type: Option<String>,
    #[serde(default)]
    product_description: Option<String>,
    #[serde(default)]
    module_licenses: Option<Vec<ModuleLicense>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ModuleLicense {
    #[serde(default)]
    module_name: Option<String>,
    #[serde(default)]
    module_description: Option<String>,
    #[serde(default)]
    module_tooltip: Option<String>,
    #[serde(default)]
    license_type: Option<String>,
    #[serde(default)]
    unrestricted: Option<bool>,
    #[serde(default)]
    number_of_licenses: Option<i64>,
    #[serde(default)]
    extra_flags: Option<i64>,
    #[serde(default)]
    extra_info: Option<String>,
    #[serde(default)]
    sort_order: Option<i64>,
    #[serde(default)]
    is_hidden: Option<bool>,
    #[serde(default)]
    prerequisite_module_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ExtendedModuleLicense {
    #[serde(default)]
    new: Option<ModuleLicense>,
    #[serde(default)]
    current: Option<ModuleLicense>,
    #[serde(default)]
    number_of_licenses_in_use: Option<i64>,
    #[serde(default)]
    number_of_licenses_added: Option<i64>,
    #[serde(default)]
    number_of_licenses_new_total: Option<i64>,
    #[serde(default)]
    number_of_licenses_new_free: Option<i64>,
    #[serde(default)]
    number_of_licenses_total: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct ODataEvents {
    value: Vec<SystemEventEntity>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SystemEventEntity {
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    eta: ApiDateTime,
    #[serde(default)]
    eventkey: Option<String>,
    #[serde(default)]
    eventmess: Option<String>,
    #[serde(default)]
    registered: ApiDateTime,
    #[serde(default)]
    activated_by: Option<Associate>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Associate {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    full_name: Option<String>,
}

fn owner(
    head: LicenseInfo,
    pending: Option<OwnerPending>,
    extended: Option<Vec<ExtendedModuleLicense>>,
    notes: &mut Vec<String>,
) -> Owner {
    let name = head.owner_name.clone().unwrap_or_default();
    let mut modules: Vec<Module> = Vec::new();
    match extended {
        Some(list) if !list.is_empty() => {
            modules.extend(list.into_iter().filter_map(extended_module));
        }
        _ => {
            let plain = head.module_licenses.as_deref().unwrap_or_default();
            if !plain.is_empty() {
                notes.push(format!(
                    "owner {name} has no ExtendedModuleLicenses, so no usage figures; in use is shown as 0"
                ));
            }
            for m in plain {
                let total = m.number_of_licenses.unwrap_or(0);
                modules.push(module(m, total, 0, None));
            }
        }
    }
    modules.sort_by(|a, b| a.sort.cmp(&b.sort).then_with(|| a.name.cmp(&b.name)));
    Owner {
        name,
        description: non_empty(head.owner_description),
        expiry: head.expiry_date.0.map(|d| d.date()),
        admin_warning: head.admin_warning_date.0.map(|d| d.date()),
        grace_until: head.grace_date.0.map(|d| d.date()),
        next_check: head.next_check_date.0.map(|d| d.date()),
        modules,
        pending,
    }
}

fn extended_module(ext: ExtendedModuleLicense) -> Option<Module> {
    let in_use = ext.number_of_licenses_in_use.unwrap_or(0);
    let (base, total) = match (&ext.current, &ext.new) {
        (Some(c), _) => (
            c,
            ext.number_of_licenses_total
                .or(c.number_of_licenses)
                .unwrap_or(0),
        ),
        // A module only the pending license has: not licensed yet.
        (None, Some(n)) => (n, 0),
        (None, None) => return None,
    };
    let pending = ext.new.as_ref().and_then(|n| {
        let new_total = ext
            .number_of_licenses_new_total
            .or(n.number_of_licenses)
            .unwrap_or(total);
        let added = ext
            .number_of_licenses_added
            .unwrap_or(new_total.saturating_sub(total));
        (added != 0 || new_total != total).then(|| ModulePending {
            added,
            new_total,
            new_free: ext
                .number_of_licenses_new_free
                .unwrap_or(new_total.saturating_sub(in_use)),
        })
    });
    Some(module(base, total, in_use, pending))
}

fn module(m: &ModuleLicense, total: i64, in_use: i64, pending: Option<ModulePending>) -> Module {
    let name = m.module_name.clone().unwrap_or_default();
    let flags = m.extra_flags.unwrap_or(0);
    let user_plan = flags & 1 != 0;
    Module {
        description: non_empty(m.module_description.clone()).unwrap_or_else(|| name.clone()),
        name,
        tooltip: non_empty(m.module_tooltip.clone()),
        kind: match m.license_type.as_deref() {
            Some("SiteLicense") => LicenseKind::Site,
            Some("SatelliteLicense") => LicenseKind::Satellite,
            Some("UserLicense") => LicenseKind::User,
            Some("SystemLicense") => LicenseKind::System,
            _ => LicenseKind::Unknown,
        },
        total,
        in_use,
        unrestricted: m.unrestricted.unwrap_or(false),
        hidden: m.is_hidden.unwrap_or(false),
        user_plan,
        grants: grants(m.extra_info.as_deref().unwrap_or("")),
        prerequisite: non_empty(m.prerequisite_module_name.clone()),
        sort: m.sort_order.unwrap_or(0),
        pending,
    }
}

/// The licenses a user plan grants: `set=user,web,sale-cal` in `ExtraInfo` (other
/// `key=value` pairs, separated by `;`, are ignored).
pub fn grants(extra_info: &str) -> Vec<String> {
    extra_info
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("set="))
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn event(e: SystemEventEntity) -> Event {
    let key = e.eventkey.unwrap_or_default();
    let activated_by =
        e.activated_by
            .and_then(|a| match (non_empty(a.full_name), non_empty(a.name)) {
                (Some(full), Some(initials)) => Some(format!("{full} ({initials})")),
                (Some(one), None) | (None, Some(one)) => Some(one),
                (None, None) => None,
            });
    Event {
        name: key.clone(),
        key,
        status: None,
        message: e.eventmess.unwrap_or_default(),
        activated: e.registered.0,
        activated_by,
        expected_finish: e.eta.0,
        system_wide: matches!(e.scope.as_deref(), Some("All" | "SystemWide" | "Database")),
    }
}

fn deployment(product_type: Option<&str>) -> Option<Deployment> {
    let t = product_type?.to_ascii_lowercase();
    if t.contains("online") {
        Some(Deployment::Online)
    } else if t.contains("onsite") || t.contains("premise") {
        Some(Deployment::Onsite)
    } else {
        None
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// An API date-time: ISO without zone, `0001-01-01T00:00:00` or null meaning "not set".
#[derive(Debug, Default)]
struct ApiDateTime(Option<NaiveDateTime>);

/// An API date-time used as a calendar day.
#[derive(Debug, Default)]
struct ApiDate(Option<NaiveDateTime>);

fn api_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parsed = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|d| d.naive_local())
    })
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(chrono::NaiveTime::MIN))
    });
    match parsed {
        Some(t) if t.date() <= NaiveDate::from_ymd_opt(1, 1, 2).unwrap_or_default() => Ok(None),
        Some(t) => Ok(Some(t)),
        None => Err(de::Error::custom(format!(
            "`{text}` is not a date-time, expected ISO 8601 like 2027-03-27T00:00:00"
        ))),
    }
}

impl<'de> Deserialize<'de> for ApiDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ApiDateTime, D::Error> {
        api_time(d).map(ApiDateTime)
    }
}

impl<'de> Deserialize<'de> for ApiDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ApiDate, D::Error> {
        api_time(d).map(ApiDate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(module: &str, extra: &str) -> String {
        format!(
            "{{\"Current\": {{\"ModuleName\": \"{module}\", \"ModuleDescription\": \"D {module}\", \"LicenseType\": \"UserLicense\", \"NumberOfLicenses\": 10{extra}}}, \"NumberOfLicensesInUse\": 4, \"NumberOfLicensesTotal\": 10}}"
        )
    }

    fn info(owner: &str, modules: &[String]) -> String {
        format!(
            "{{\"Reason\": \"\", \"CanBeActivated\": false, \"New\": null, \"Current\": {{\"CompanyName\": \"Voorbeeld BV\", \"SerialNr\": \"1\", \"OwnerName\": \"{owner}\", \"ExpiryDate\": \"2027-03-27T00:00:00\", \"GraceDate\": \"0001-01-01T00:00:00\", \"AdminWarningDate\": null, \"ProductType\": \"Online\", \"ProductDescription\": \"SuperOffice CRM Online\"}}, \"ExtendedModuleLicenses\": [{}]}}",
            modules.join(",")
        )
    }

    #[test]
    fn array_and_single_object() {
        let text = format!(
            "[{}, {}]",
            info(
                "SUPEROFFICE",
                &[
                    ext("b", ", \"SortOrder\": 2"),
                    ext(
                        "a",
                        ", \"SortOrder\": 1, \"ExtraFlags\": 1, \"ExtraInfo\": \"set=user,web\", \"IsHidden\": false"
                    )
                ]
            ),
            info("ACME", &[])
        );
        let l = parse_licenses("l.json", &text, true).unwrap();
        assert_eq!(l.owners.len(), 2);
        let so = &l.owners[0];
        assert_eq!(so.expiry, NaiveDate::from_ymd_opt(2027, 3, 27));
        assert_eq!(so.grace_until, None, "0001-01-01 means not set");
        assert_eq!(so.admin_warning, None);
        assert_eq!(
            so.modules
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"],
            "sorted by SortOrder"
        );
        assert!(so.modules[0].user_plan);
        assert_eq!(so.modules[0].grants, ["user", "web"]);
        assert_eq!((so.modules[1].total, so.modules[1].in_use), (10, 4));
        let c = l.customer.unwrap();
        assert_eq!(c.company, "Voorbeeld BV");
        assert_eq!(c.deployment, Some(Deployment::Online));

        let one = parse_licenses("one.json", &info("ACME", &[ext("x", "")]), false).unwrap();
        assert_eq!(one.owners[0].name, "ACME");
    }

    #[test]
    fn pending_new_license() {
        let text = "{\"Current\": {\"OwnerName\": \"A\", \"ExpiryDate\": \"2026-12-15T00:00:00\"}, \"New\": {\"OwnerName\": \"A\", \"ExpiryDate\": \"2027-12-15T00:00:00\"}, \"CanBeActivated\": true, \"ExtendedModuleLicenses\": [{\"Current\": {\"ModuleName\": \"dialer\", \"NumberOfLicenses\": 10}, \"New\": {\"ModuleName\": \"dialer\", \"NumberOfLicenses\": 15}, \"NumberOfLicensesInUse\": 7, \"NumberOfLicensesTotal\": 10, \"NumberOfLicensesAdded\": 5, \"NumberOfLicensesNewTotal\": 15, \"NumberOfLicensesNewFree\": 8}]}";
        let l = parse_licenses("p.json", text, false).unwrap();
        let o = &l.owners[0];
        assert_eq!(
            o.pending.as_ref().and_then(|p| p.expiry),
            NaiveDate::from_ymd_opt(2027, 12, 15)
        );
        assert_eq!(
            o.modules[0].pending,
            Some(ModulePending {
                added: 5,
                new_total: 15,
                new_free: 8
            })
        );
    }

    #[test]
    fn wrong_types_are_located() {
        let text = "[{\"Current\": {\"OwnerName\": \"A\"},\n  \"ExtendedModuleLicenses\": [{\"NumberOfLicensesInUse\": \"seven\"}]}]";
        let err = parse_licenses("bad.json", text, true).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("expected i64"), "{err}");
        assert!(
            err.message
                .starts_with("not a SuperOffice License response"),
            "{err}"
        );
        let err = parse_licenses(
            "bad.json",
            "{\"Current\": {\"OwnerName\": \"A\", \"ExpiryDate\": \"soon\"}}",
            false,
        )
        .unwrap_err();
        assert!(err.message.contains("`soon` is not a date-time"), "{err}");
        assert_eq!((err.line, err.column), (1, 52), "{err}");
    }

    #[test]
    fn system_events() {
        let text = "{\"odata.metadata\": \"x\", \"value\": [{\"Scope\": \"All\", \"Eta\": \"2026-11-27T10:00:00\", \"Eventkey\": \"FreeTextIndex\", \"Eventmess\": \"Rebuilding\", \"Registered\": \"2026-11-27T08:00:00\", \"ActivatedBy\": {\"Name\": \"ADV\", \"FullName\": \"Anna de Vries\", \"Type\": \"1\"}}, {\"Scope\": \"User\", \"Eventkey\": \"SaintRecalc\"}]}";
        let events = parse_events("e.json", text).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(
            events[0].activated_by.as_deref(),
            Some("Anna de Vries (ADV)")
        );
        assert!(events[0].system_wide);
        assert!(!events[1].system_wide);
        assert_eq!(events[0].status, None, "derived from the times later");
        let err = parse_events("e.json", "{\"value\": 3}").unwrap_err();
        assert!(err.message.contains("expected a sequence"), "{err}");
    }

    #[test]
    fn grants_from_extra_info() {
        assert_eq!(
            grants("set=user,web, sale-cal"),
            ["user", "web", "sale-cal"]
        );
        assert_eq!(grants("a=1;set=x"), ["x"]);
        assert!(grants("").is_empty());
    }
}
