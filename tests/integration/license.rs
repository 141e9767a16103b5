//! `helpgen license report`, `helpgen license check` and the license report of
//! `helpgen build`, run as the real binary on ../shared/license/examples and on small
//! snapshots written here.

use std::path::Path;

use serde_json::Value;

use crate::harness::{SiteTest, license_examples};

/// Runs the binary and fails with its output unless it exits with `code`.
#[track_caller]
fn run_ok(site: &SiteTest, args: &[&str], code: i32) -> crate::harness::Run {
    let run = site.run(args);
    assert_eq!(run.code, code, "{args:?}\n{run:?}");
    assert!(!run.stderr.contains("panicked"), "{run:?}");
    run
}

fn read(site: &SiteTest, rel: &str) -> String {
    let p = site.root().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn json(site: &SiteTest, rel: &str) -> Value {
    serde_json::from_str(&read(site, rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

fn owner<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["owners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("no owner {name}"))
}

fn by_name<'a>(list: &'a Value, key: &str, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| o[key] == name)
        .unwrap_or_else(|| panic!("no {key} {name} in {list}"))
}

/// The `data-module` names of the license rows in `html`, in order.
fn module_rows(html: &str) -> Vec<&str> {
    html.split("data-module=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// The visible and hidden license rows of one owner's section.
fn owner_rows<'a>(html: &'a str, owner_id: &str) -> (Vec<&'a str>, Vec<&'a str>) {
    let start = html
        .find(&format!(
            "<section class=\"license-owner\" id=\"{owner_id}\""
        ))
        .unwrap_or_else(|| panic!("no section {owner_id}"));
    let rest = &html[start..];
    let end = rest.find("</section>").unwrap();
    let section = &rest[..end];
    match section.split_once("<details class=\"license-hidden\">") {
        Some((visible, hidden)) => (module_rows(visible), module_rows(hidden)),
        None => (module_rows(section), Vec::new()),
    }
}

#[test]
fn voorbeeld_bv_figures() {
    let Some(examples) = license_examples() else {
        return;
    };
    let site = SiteTest::from_fixture("");
    let snapshot = examples.join("voorbeeld-bv.yaml");
    let run = run_ok(
        &site,
        &[
            "license",
            "report",
            "--snapshot",
            &snapshot.to_string_lossy(),
            "--out",
            "out",
        ],
        0,
    );
    assert!(
        run.stdout
            .contains("wrote the license report of Voorbeeld BV"),
        "{run:?}"
    );
    let r = json(&site, "out/report.json");

    // report.json has exactly the keys of the issue.
    assert_eq!(
        keys(&r),
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
    assert_eq!(r["as_of"], "2026-11-27T09:30:00Z");
    let so = owner(&r, "SUPEROFFICE");
    assert_eq!(
        keys(so),
        ["days_left", "expiry", "modules", "name", "status"]
    );
    assert_eq!(
        keys(&so["modules"][0]),
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
        keys(&r["plan_limits"][0]),
        ["level", "limit", "name", "percent", "used"]
    );
    assert_eq!(
        keys(&r["metered"]),
        ["currency", "period", "projected_cost", "services", "users"]
    );
    assert_eq!(
        keys(&r["metered"]["services"][0]),
        ["cost", "key", "overage", "threshold", "unit", "used"]
    );
    assert_eq!(keys(&r["findings"][0]), ["code", "message", "severity"]);

    // The judged facts.
    assert_eq!(
        (so["status"].as_str(), so["days_left"].as_i64()),
        (Some("ok"), Some(120))
    );
    let acme = owner(&r, "ACMEAPPS");
    assert_eq!(
        (acme["status"].as_str(), acme["days_left"].as_i64()),
        (Some("warning"), Some(18))
    );
    let projects = by_name(&r["plan_limits"], "name", "active projects");
    assert_eq!(projects["percent"].as_f64(), Some(87.0));
    assert_eq!(projects["level"], "approaching");
    assert_eq!(
        by_name(&r["plan_limits"], "name", "custom objects")["level"],
        "reached"
    );
    assert_eq!(
        by_name(&r["plan_limits"], "name", "active sales guides")["level"],
        "normal"
    );
    let storage = by_name(&r["metered"]["services"], "key", "storage");
    assert_eq!(storage["threshold"].as_f64(), Some(57.0));
    assert_eq!(storage["overage"].as_f64(), Some(4.2));
    assert_eq!(storage["cost"].as_f64(), Some(2.1));
    let mailings = by_name(&r["metered"]["services"], "key", "mailings");
    assert_eq!(
        (
            mailings["threshold"].as_f64(),
            mailings["overage"].as_f64(),
            mailings["cost"].as_f64()
        ),
        (Some(16750.0), Some(1500.0), Some(6.0))
    );
    assert_eq!(r["metered"]["projected_cost"].as_f64(), Some(8.1));
    assert_eq!(r["metered"]["currency"], "EUR");
    let sales = by_name(&so["modules"], "name", "ten-sales");
    assert_eq!(
        (
            sales["total"].as_i64(),
            sales["in_use"].as_i64(),
            sales["free"].as_i64(),
            sales["percent"].as_f64()
        ),
        (Some(25), Some(23), Some(2), Some(92.0))
    );
    assert_eq!(sales["user_plan"], true);
    let visible_for = by_name(&so["modules"], "name", "visible-for");
    assert_eq!(visible_for["free"].as_i64(), Some(-11));
    assert_eq!(
        visible_for["findings"].as_array().map(Vec::len),
        Some(0),
        "unrestricted over-use is fine"
    );
    let codes: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "expiring",
            "limit-approaching",
            "limit-reached",
            "metered-overage",
            "metered-overage"
        ]
    );
    assert_eq!(r["events"].as_array().map(Vec::len), Some(2));
    assert_eq!(r["events"][0]["status"], "running");

    // Every language has its page, in its own number, date and currency format.
    let en = read(&site, "out/en/index.html");
    assert!(en.contains("EUR 8.10"), "projected invoice in en");
    assert!(en.contains("120 days left") && en.contains("18 days left"));
    assert!(en.contains("87 of 100 active projects"));
    assert!(en.contains("<span class=\"badge level-approaching\">Approaching the limit</span>"));
    assert!(en.contains("<span class=\"badge level-reached\">Limit reached</span>"));
    assert!(en.contains("4.2 GB") && en.contains("57 GB"));
    assert!(en.contains("March 27, 2027"));
    let nl = read(&site, "out/nl/index.html");
    assert!(nl.contains("<html lang=\"nl\">"));
    assert!(nl.contains("EUR 8,10") && nl.contains("nog 18 dagen") && nl.contains("27 maart 2027"));
    assert!(nl.contains("Diensten met datalimiet") && nl.contains("Systeemmeldingen"));
    assert!(nl.contains("18.250 e-mails"));
    let de = read(&site, "out/de/index.html");
    assert!(de.contains("8,10 EUR") && de.contains("noch 120 Tage"));
    for lang in ["da", "no", "sv"] {
        let html = read(&site, &format!("out/{lang}/index.html"));
        assert!(html.contains("8,10 EUR"), "{lang}");
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
    }
    // The theme: base layout, stylesheets and the language chooser.
    assert!(en.contains("class=\"site-header\"") && en.contains("../_helpgen/license.css"));
    assert!(site.root().join("out/_helpgen/helpgen.css").is_file());
    assert!(read(&site, "out/index.html").contains("href=\"nl/index.html\""));
    let csv = read(&site, "out/licenses.csv");
    assert!(csv.starts_with("owner,module,description,type,total,in_use,free,percent"));
    assert!(csv.contains("SUPEROFFICE,ten-sales,Sales Premium,user,25,23,2,92,true,false,false,"));
    assert_eq!(csv.lines().count(), 1 + 12);
    // One snapshot: no history section.
    assert!(!en.contains("id=\"history\""));
}

#[test]
fn rest_example_shows_what_the_licences_screen_shows() {
    let Some(examples) = license_examples() else {
        return;
    };
    let site = SiteTest::from_fixture("");
    let rest = examples.join("rest");
    run_ok(
        &site,
        &[
            "license",
            "report",
            "--snapshot",
            &rest.to_string_lossy(),
            "--out",
            "out",
            "--lang",
            "en,nl",
        ],
        0,
    );
    let html = read(&site, "out/en/index.html");
    // Per owner, the visible licenses in SortOrder, hidden ones behind the toggle.
    let (visible, hidden) = owner_rows(&html, "owner-superoffice");
    assert_eq!(
        visible,
        [
            "server",
            "web-services",
            "saint",
            "exchange-sync",
            "expander-services",
            "customer-centre",
            "ten-sales",
            "ten-sales-essential",
            "ten-service",
            "ten-marketing"
        ]
    );
    assert_eq!(
        hidden,
        ["config-screens", "user", "web", "quote-cal", "visible-for"]
    );
    assert!(html.contains("<summary>Show hidden licenses (5)</summary>"));
    let (visible, hidden) = owner_rows(&html, "owner-acmeapps");
    assert_eq!(
        (visible, hidden),
        (vec!["dialer", "dialer-sms"], Vec::<&str>::new())
    );
    assert!(
        html.contains("Includes: User login, Web client, pocket-crm-cal"),
        "user plan grants resolved"
    );
    assert!(html.contains("Requires: Acme Dialer"));
    assert!(
        !site.root().join("out/de").exists(),
        "only the languages asked for"
    );

    let r = json(&site, "out/report.json");
    assert_eq!(r["as_of"], "2026-11-27T00:00:00Z", "dated by the file name");
    assert_eq!(r["customer"]["company"], "Voorbeeld BV");
    assert_eq!(r["customer"]["serial"], "8734223199");
    let so = owner(&r, "SUPEROFFICE");
    assert_eq!(
        (so["status"].as_str(), so["days_left"].as_i64()),
        (Some("ok"), Some(120))
    );
    assert_eq!(so["modules"].as_array().map(Vec::len), Some(15));
    let essentials = by_name(&so["modules"], "name", "ten-sales-essential");
    assert_eq!(essentials["findings"][0]["code"], "full");
    assert_eq!(essentials["findings"][0]["severity"], "warning");
    assert_eq!(by_name(&so["modules"], "name", "server")["type"], "site");
    assert_eq!(
        by_name(&so["modules"], "name", "server")["findings"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(owner(&r, "ACMEAPPS")["status"], "warning");
    // System events: names, who, scope; running unless their expected finish passed.
    let events = r["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0]["activated_by"], "Anna de Vries (ADV)");
    assert_eq!(
        events
            .iter()
            .map(|e| e["status"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["running", "running", "finished"]
    );
    assert_eq!(
        events
            .iter()
            .map(|e| e["system_wide"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        [true, true, false]
    );
    assert!(html.contains("Rebuilding the free-text search index (1,204,331 documents)"));
    assert!(r["metered"].is_null() && r["plan_limits"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn history_folder_gives_four_point_trends() {
    let Some(examples) = license_examples() else {
        return;
    };
    let site = SiteTest::from_fixture("");
    let history = examples.join("history");
    run_ok(
        &site,
        &[
            "license",
            "report",
            "--snapshot",
            &history.to_string_lossy(),
            "--out",
            "out",
            "--lang",
            "en",
        ],
        0,
    );
    let html = read(&site, "out/en/index.html");
    assert!(html.contains("<section id=\"history\""));
    let history_part = &html[html.find("<section id=\"history\"").unwrap()..];
    // Every line of every chart has four points, one per snapshot.
    let polylines: Vec<&str> = history_part
        .split("<polyline points=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(polylines.len() >= 2 * (8 + 5 + 3), "{}", polylines.len());
    for p in &polylines {
        assert_eq!(p.split(' ').count(), 4, "{p}");
    }
    assert!(history_part.contains("SUPEROFFICE – Sales Premium"));
    assert!(history_part.contains("In use: 19, 21, 22, 23"));
    assert!(
        history_part.contains("Threshold: 51, 53, 55, 57; Used: 38.5, 45, 52.8, 61.2"),
        "storage trend"
    );
    assert!(
        history_part.contains("Used: 61, 70, 79, 87"),
        "active projects"
    );
    // What changed between consecutive snapshots.
    assert!(history_part.contains("August 1, 2026 → September 1, 2026"));
    assert!(history_part.contains("SUPEROFFICE – Sales Premium: in use 19 → 21"));
    assert!(history_part.contains("active projects: 79 → 87 of 100"));
    assert!(history_part.contains("Users for metered services: 45 → 47"));
    assert!(history_part.contains("Storage used: over the threshold (4.2 GB)"));
    assert_eq!(
        json(&site, "out/report.json")["as_of"],
        "2026-11-01T06:00:00Z",
        "the newest is now"
    );
}

#[test]
fn the_whole_examples_folder_combines_rest_and_yaml_per_moment() {
    let Some(examples) = license_examples() else {
        return;
    };
    let site = SiteTest::from_fixture("");
    let run = run_ok(
        &site,
        &[
            "license",
            "report",
            "--snapshot",
            &examples.to_string_lossy(),
            "--out",
            "out",
            "--lang",
            "en",
        ],
        0,
    );
    let r = json(&site, "out/report.json");
    // 2026-11-27: the API's owners and events, the YAML's time, customer and metered usage.
    assert_eq!(r["as_of"], "2026-11-27T09:30:00Z");
    assert_eq!(
        owner(&r, "SUPEROFFICE")["modules"].as_array().map(Vec::len),
        Some(15)
    );
    assert_eq!(r["events"].as_array().map(Vec::len), Some(3));
    assert_eq!(r["metered"]["projected_cost"].as_f64(), Some(8.1));
    assert_eq!(r["customer"]["logged_in_user"], "Anna de Vries (ADV)");
    let html = read(&site, "out/en/index.html");
    let first = html.find("<polyline points=\"").unwrap();
    let points = html[first + 18..].split('"').next().unwrap();
    assert_eq!(
        points.split(' ').count(),
        5,
        "four history points and today: {points}"
    );
    assert!(
        !run.stderr.contains("warning"),
        "API owners replace YAML ones quietly: {run:?}"
    );
}

const CLEAN: &str = "snapshot: 1\ntaken_at: 2026-11-27T09:30:00Z\ncustomer:\n  company: Fixture BV\n  serial: \"1\"\n";

/// A snapshot that trips every rule but `expired` and `grace` on 2026-11-27.
const TROUBLED: &str = "snapshot: 1
taken_at: 2026-11-27T09:30:00Z
customer: {company: Fixture BV, serial: \"1\"}
owners:
  - name: ACME
    expiry: 2026-12-10
    grace_until: 2026-12-20
    modules:
      - {name: over, description: Over, type: user, total: 10, in_use: 11}
      - {name: full, description: Full, type: user, total: 5, in_use: 5}
      - {name: site, description: Site, type: site, total: 1, in_use: 1}
      - {name: free-for-all, description: Free for all, type: user, total: 1, in_use: 9, unrestricted: true}
      - {name: sms, description: SMS, type: user, total: 5, in_use: 1, prerequisite: dialer}
plan_limits:
  - {name: active projects, used: 90, limit: 100}
metered:
  period: 2026-11
  users: 10
  currency: EUR
  services:
    - {key: chat-sessions, unit: sessions, used: 130, threshold: {base: 100, per_user: 2}, unit_price: 0.25}
";

#[test]
fn check_trips_each_rule_with_exit_1() {
    let site = SiteTest::from_fixture(&format!(
        "//- troubled.yaml\n{TROUBLED}//- clean.yaml\n{CLEAN}"
    ));
    let check = |snapshot: &str, rules: &str, extra: &[&str]| {
        let mut args = vec![
            "license",
            "check",
            "--snapshot",
            snapshot,
            "--fail-on",
            rules,
        ];
        args.extend_from_slice(extra);
        site.run(&args)
    };
    let cases: [(&str, &[&str], i32, &str); 12] = [
        (
            "over-assigned",
            &[],
            1,
            "tripped over-assigned: ACME Over: 11 assigned, 10 licensed",
        ),
        (
            "full",
            &[],
            1,
            "tripped full: ACME Full: all 5 licenses in use",
        ),
        (
            "prerequisite",
            &[],
            1,
            "tripped prerequisite: ACME SMS is in use but requires dialer, which is not licensed",
        ),
        (
            "limit:85",
            &[],
            1,
            "tripped limit:85: active projects: 90 of 100 used (90%)",
        ),
        (
            "limit:95",
            &[],
            0,
            "license check passed: none of 1 rule tripped",
        ),
        (
            "metered-overage",
            &[],
            1,
            "tripped metered-overage: chat-sessions: 10 sessions over the threshold of 120 sessions",
        ),
        (
            "expiring:30d",
            &[],
            1,
            "tripped expiring:30d: ACME expires in 13 days (2026-12-10)",
        ),
        ("expiring:7d", &[], 0, "passed"),
        ("expired", &[], 0, "passed"),
        (
            "grace",
            &["--as-of", "2026-12-15"],
            1,
            "tripped grace: ACME is grace (expired on 2026-12-10)",
        ),
        ("expired", &["--as-of", "2026-12-15"], 0, "passed"),
        (
            "expired",
            &["--as-of", "2026-12-21"],
            1,
            "tripped expired: ACME is blocked (expired on 2026-12-10)",
        ),
    ];
    for (rules, extra, code, needle) in cases {
        let run = check("troubled.yaml", rules, extra);
        assert_eq!(run.code, code, "{rules} {extra:?}: {run:?}");
        assert!(
            run.stdout.contains(needle),
            "{rules} {extra:?}: `{needle}` not in\n{}",
            run.stdout
        );
    }
    // The findings are printed too, whatever trips.
    let run = check("troubled.yaml", "expired", &[]);
    assert!(
        run.stdout
            .contains("error[over-assigned]: ACME – Over: 11 assigned, but only 10 licensed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("warning[expiring]: ACME: the license expires on 2026-12-10 (13 days left)")
    );
    // Several rules at once; a clean snapshot passes them all.
    let all = "expired,grace,expiring:30d,over-assigned,full,limit:85,metered-overage,prerequisite";
    let run = check("troubled.yaml", all, &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("license check failed: 6 of 8 rules tripped"),
        "{}",
        run.stdout
    );
    let run = check("clean.yaml", all, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("license check passed: none of 8 rules tripped")
    );
    // Machines get JSON.
    let run = check("troubled.yaml", "full,expired", &["--format", "json"]);
    assert_eq!(run.code, 1);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["passed"], false);
    assert_eq!(doc["rules"], serde_json::json!(["full", "expired"]));
    assert_eq!(doc["tripped"][0]["rule"], "full");
    assert_eq!(doc["tripped"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["owners"][0]["days_left"], 13);
    // Quiet prints only what tripped.
    let run = site.run(&[
        "-q",
        "license",
        "check",
        "--snapshot",
        "clean.yaml",
        "--fail-on",
        "expired",
    ]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn check_on_the_example() {
    let Some(examples) = license_examples() else {
        return;
    };
    let site = SiteTest::from_fixture("");
    let snapshot = examples.join("voorbeeld-bv.yaml");
    let snapshot = snapshot.to_string_lossy();
    let check = |rules: &str| {
        site.run(&[
            "license",
            "check",
            "--snapshot",
            &snapshot,
            "--fail-on",
            rules,
        ])
    };
    let run = check("expired,expiring:30d,over-assigned,limit:85");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("tripped expiring:30d: ACMEAPPS expires in 18 days (2026-12-15)")
    );
    assert!(
        run.stdout
            .contains("tripped limit:85: active projects: 87 of 100 used (87%)")
    );
    assert!(
        run.stdout
            .contains("tripped limit:85: custom objects: 5 of 5 used (100%)")
    );
    assert!(
        run.stdout
            .contains("SUPEROFFICE  ok       expires 2027-03-27 (120 days left)"),
        "{}",
        run.stdout
    );
    assert_eq!(
        check("expired,grace,over-assigned,full,prerequisite,expiring:17d").code,
        0
    );
}

#[test]
fn bad_rules_are_usage_errors() {
    let site = SiteTest::from_fixture(&format!("//- s.yaml\n{CLEAN}"));
    for (rule, needle) in [
        (
            "soon",
            "unknown rule `soon`: expected one of expired, grace, expiring:<N>d",
        ),
        (
            "expiring:30",
            "bad rule `expiring:30`: expected expiring:<days>d",
        ),
        (
            "limit:many",
            "bad rule `limit:many`: expected limit:<percent>",
        ),
    ] {
        let run = site.run(&[
            "license",
            "check",
            "--snapshot",
            "s.yaml",
            "--fail-on",
            rule,
        ]);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains(needle), "{run:?}");
    }
    let run = site.run(&[
        "license",
        "check",
        "--snapshot",
        "s.yaml",
        "--fail-on",
        "expired",
        "--as-of",
        "tomorrow",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad --as-of `tomorrow`"), "{run:?}");
}

#[test]
fn bad_input_is_one_located_error_and_leaves_no_output() {
    let cases: [(&str, &str, &str); 7] = [
        (
            "bad.json",
            "[{\"Current\": {\"OwnerName\": \"A\"},\n  \"ExtendedModuleLicenses\": [\n",
            "bad.json:3:1: malformed JSON: EOF while parsing a list",
        ),
        (
            "types.json",
            "[{\"Current\": {\"OwnerName\": \"A\"},\n \"ExtendedModuleLicenses\": [{\"NumberOfLicensesInUse\": \"7\"}]}]\n",
            "types.json:2:57: not a SuperOffice License response (ExtendedLicenseInfo): invalid type: string \"7\", expected i64",
        ),
        (
            "events.json",
            "{\"value\": [{\"Eventkey\": 5}]}\n",
            "events.json:1:25: not a SuperOffice SystemEvent response ({\"value\": [SystemEventEntity…]}): invalid type: integer `5`, expected a string",
        ),
        (
            "unknown.yaml",
            "snapshot: 1\ntaken_at: 2026-11-27T09:30:00Z\ncustomer:\n  company: X\n  serial: \"1\"\n  colour: blue\n",
            "unknown.yaml:6:3: invalid helpgen snapshot: customer: unknown field `colour`, expected one of `company`, `serial`",
        ),
        (
            "types.yaml",
            "snapshot: 1\ntaken_at: 2026-11-27T09:30:00Z\ncustomer: {company: X, serial: \"1\"}\nplan_limits:\n  - {name: p, used: lots, limit: 5}\n",
            "types.yaml:5:21: invalid helpgen snapshot: plan_limits[0].used: invalid type: string \"lots\", expected u64",
        ),
        (
            "malformed.yaml",
            "snapshot: 1\ncustomer: [unclosed\n",
            "malformed.yaml:3:1: neither JSON nor valid YAML",
        ),
        (
            "notes.yaml",
            "Just some notes about our licenses.\n",
            "notes.yaml:1:1: not a snapshot: expected a SuperOffice REST response",
        ),
    ];
    for (file, text, needle) in cases {
        let site = SiteTest::from_fixture(&format!(
            "//- {file}\n{text}//- out/keep.txt\nprevious report\n"
        ));
        let run = site.run(&["license", "report", "--snapshot", file, "--out", "out"]);
        assert_eq!(run.code, 2, "{file}: {run:?}");
        assert!(
            run.stderr.starts_with(&format!("error: {needle}")),
            "{file}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "one message: {}", run.stderr);
        assert_eq!(
            read(&site, "out/keep.txt"),
            "previous report\n",
            "the previous output stays"
        );
        assert!(!site.root().join("out/report.json").exists());
        let leftovers: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("staging"))
            .collect();
        assert!(leftovers.is_empty(), "no staging folder left behind");
        let run = site.run(&[
            "license",
            "check",
            "--snapshot",
            file,
            "--fail-on",
            "expired",
        ]);
        assert_eq!(run.code, 2, "check: {run:?}");
        let site = SiteTest::from_fixture(&format!("//- {file}\n{text}"));
        let run = site.run(&["license", "report", "--snapshot", file, "--out", "fresh"]);
        assert_eq!(run.code, 2);
        assert!(!site.root().join("fresh").exists(), "no partial output");
    }
    let site = SiteTest::from_fixture("");
    let run = site.run(&["license", "report", "--snapshot", "missing"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("snapshot missing does not exist"),
        "{run:?}"
    );
}

const REST_LICENSE: &str = r#"[{"Reason": "", "CanBeActivated": false, "New": null,
  "Current": {"CompanyName": "Rest BV", "SerialNr": "42", "OwnerName": "SUPEROFFICE", "OwnerDescription": "SuperOffice AS",
    "ExpiryDate": "2027-03-27T00:00:00", "AdminWarningDate": "2027-02-27T00:00:00", "GraceDate": "0001-01-01T00:00:00",
    "ProductType": "Online", "ProductDescription": "SuperOffice CRM Online"},
  "ExtendedModuleLicenses": [
    {"New": null, "Current": {"ModuleName": "ten-sales", "ModuleDescription": "Sales Premium", "LicenseType": "UserLicense",
      "NumberOfLicenses": 25, "ExtraFlags": 1, "ExtraInfo": "set=user", "SortOrder": 10, "IsHidden": false},
     "NumberOfLicensesInUse": 23, "NumberOfLicensesTotal": 25},
    {"New": {"ModuleName": "user", "NumberOfLicenses": 50}, "Current": {"ModuleName": "user", "ModuleDescription": "User login", "LicenseType": "UserLicense",
      "NumberOfLicenses": 46, "SortOrder": 35, "IsHidden": true},
     "NumberOfLicensesInUse": 39, "NumberOfLicensesTotal": 46, "NumberOfLicensesAdded": 4, "NumberOfLicensesNewTotal": 50, "NumberOfLicensesNewFree": 11}
  ]}]
"#;

#[test]
fn rest_files_are_dated_by_name_or_flag() {
    let site = SiteTest::from_fixture(&format!(
        "//- undated/license.json\n{REST_LICENSE}//- dated/2026-11-27-license.json\n{REST_LICENSE}//- extra/2026-11-27-extra.yaml\n{CLEAN}  logged_in_user: Anna\nplan_limits:\n  - {{name: custom objects, used: 1, limit: 5}}\n"
    ));
    let run = site.run(&["license", "report", "--snapshot", "undated", "--out", "out"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("undated/license.json: cannot tell when this snapshot was taken"),
        "{run:?}"
    );
    run_ok(
        &site,
        &[
            "license",
            "report",
            "--snapshot",
            "undated",
            "--taken-at",
            "2026-11-27",
            "--out",
            "out",
            "--lang",
            "en",
        ],
        0,
    );
    let r = json(&site, "out/report.json");
    assert_eq!(owner(&r, "SUPEROFFICE")["days_left"], 120);
    assert_eq!(r["customer"]["company"], "Rest BV");
    // A pending license (`New`) says what activating it would change.
    let user = by_name(&owner(&r, "SUPEROFFICE")["modules"], "name", "user");
    assert_eq!(user["findings"][0]["code"], "pending-change");
    assert_eq!(
        user["findings"][0]["message"],
        "SUPEROFFICE – User login: activating the new license gives 50 in total (+4), 11 free"
    );
    // The YAML of the same day adds what the API does not return.
    run_ok(
        &site,
        &[
            "license",
            "report",
            "--snapshot",
            "dated",
            "--snapshot",
            "extra",
            "--out",
            "out",
            "--lang",
            "en",
        ],
        0,
    );
    let r = json(&site, "out/report.json");
    assert_eq!(r["as_of"], "2026-11-27T09:30:00Z");
    assert_eq!(
        r["customer"]["company"], "Fixture BV",
        "the YAML names the customer"
    );
    assert_eq!(r["customer"]["logged_in_user"], "Anna");
    assert_eq!(r["plan_limits"][0]["percent"].as_f64(), Some(20.0));
    assert_eq!(
        owner(&r, "SUPEROFFICE")["modules"].as_array().map(Vec::len),
        Some(2)
    );
    // --as-of judges the newest snapshot on another day.
    run_ok(
        &site,
        &[
            "license",
            "report",
            "--snapshot",
            "dated",
            "--as-of",
            "2027-03-01",
            "--out",
            "out",
            "--lang",
            "en",
        ],
        0,
    );
    let r = json(&site, "out/report.json");
    assert_eq!(r["as_of"], "2027-03-01T00:00:00Z");
    let so = owner(&r, "SUPEROFFICE");
    assert_eq!(
        (so["status"].as_str(), so["days_left"].as_i64()),
        (Some("warning"), Some(26))
    );
}

/// Every text field of a snapshot holds markup; two moments so the SVG charts render.
fn script_snapshot(date: &str, in_use: u32) -> String {
    let s = |what: &str| format!("\"<script>alert('{what}')</script>\"");
    format!(
        "snapshot: 1
taken_at: {date}T09:30:00Z
customer:
  company: {}
  serial: {}
  product: {}
  plan: {}
  logged_in_user: {}
owners:
  - name: {}
    description: {}
    expiry: 2026-12-01
    modules:
      - name: {}
        description: {}
        tooltip: \"\\\"><script>alert('tooltip')</script>\"
        type: user
        total: 5
        in_use: {in_use}
        user_plan: true
        grants: [{}]
        prerequisite: {}
plan_limits:
  - {{name: {}, used: 9, limit: 10}}
metered:
  period: 2026-11
  users: 1
  currency: {}
  services:
    - {{key: storage, unit: {}, used: 5, threshold: {{base: 1, per_user: 1}}, unit_price: 1}}
events:
  - key: {}
    name: {}
    message: {}
    activated_by: {}
",
        s("company"),
        s("serial"),
        s("product"),
        s("plan"),
        s("user"),
        s("owner"),
        s("owner-desc"),
        s("module"),
        s("module-desc"),
        s("grant"),
        s("prereq"),
        s("limit"),
        s("currency"),
        s("unit"),
        s("key"),
        s("event"),
        s("message"),
        s("by"),
    )
}

#[test]
fn snapshot_text_is_escaped_everywhere() {
    let site = SiteTest::from_fixture(&format!(
        "//- snap/2026-10-27.yaml\n{}//- snap/2026-11-27.yaml\n{}",
        script_snapshot("2026-10-27", 4),
        script_snapshot("2026-11-27", 6)
    ));
    run_ok(
        &site,
        &["license", "report", "--snapshot", "snap", "--out", "out"],
        0,
    );
    for lang in ["en", "nl", "de", "da", "no", "sv"] {
        let html = read(&site, &format!("out/{lang}/index.html"));
        let scripts = html.matches("<script").count();
        let theme_scripts = html.matches("<script src=\"../_helpgen/").count();
        assert_eq!(
            scripts, theme_scripts,
            "{lang}: only the theme's own script tags"
        );
        assert!(html.contains("<script src=\"../_helpgen/helpgen.js\" defer></script>"));
        assert!(
            html.contains("&lt;script&gt;alert(&#39;company&#39;)&lt;/script&gt;"),
            "{lang}"
        );
        assert!(
            html.contains("title=\"&quot;&gt;&lt;script&gt;alert(&#39;tooltip&#39;)"),
            "{lang}: attributes too"
        );
        let svg_start = html.find("<svg").expect("a chart");
        let svg = &html[svg_start..];
        assert!(
            svg.contains(
                "<title id=\"license-chart-1-title\">&lt;script&gt;alert(&#39;owner&#39;)"
            ),
            "{lang}: SVG text"
        );
        for what in [
            "serial",
            "product",
            "plan",
            "user",
            "owner-desc",
            "module-desc",
            "grant",
            "prereq",
            "limit",
            "currency",
            "unit",
            "event",
            "message",
            "by",
        ] {
            assert!(
                html.contains(&format!("&lt;script&gt;alert(&#39;{what}&#39;)")),
                "{lang}: {what} is shown, escaped"
            );
        }
    }
    assert_eq!(read(&site, "out/index.html").matches("<script").count(), 0);
    let r = json(&site, "out/report.json");
    assert_eq!(
        r["customer"]["company"], "<script>alert('company')</script>",
        "JSON keeps the text, validly"
    );
    let csv = read(&site, "out/licenses.csv");
    assert!(
        csv.contains("<script>alert('module')</script>"),
        "CSV is plain text"
    );
}

#[test]
fn site_build_includes_the_report_and_links_it() {
    let site = SiteTest::from_fixture(&format!(
        "//- content/en/index.md\n---\ntitle: Start\n---\n# Start\n\
         //- content/nl/index.md\n---\ntitle: Start\n---\n# Start\n\
         //- content/nl/admin/page.md\n---\ntitle: Pagina\n---\n# Pagina\n\
         //- license/2026-11-27.yaml\n{TROUBLED}\
         //- license/README.md\nnot a snapshot, and not read\n"
    ));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let report = site.output("nl/license/index.html");
    assert!(report.contains("<title>Licentiestatus – Fixture BV | Help</title>"));
    assert!(
        report.contains("href=\"../../en/license/index.html\""),
        "language switch to the English report"
    );
    assert!(report.contains("class=\"site-license\" href=\"../../nl/license/index.html\""));
    assert!(site.out_path("en/license/index.html").is_file());
    assert!(site.out_path("nl/license/report.json").is_file());
    assert!(site.out_path("nl/license/licenses.csv").is_file());
    assert!(site.out_path("_helpgen/license.css").is_file());
    // Every page links the report from the header.
    let page = site.output("nl/admin/page.html");
    assert!(
        page.contains(
            "<a class=\"site-license\" href=\"../../nl/license/index.html\">Licentiestatus</a>"
        ),
        "{page}"
    );
    let home = site.output("en/index.html");
    assert!(home.contains(
        "<a class=\"site-license\" href=\"../en/license/index.html\">License status</a>"
    ));

    // Without a license folder there is neither report nor link.
    let plain = SiteTest::from_fixture("//- content/en/index.md\n# Start\n");
    assert_eq!(plain.run(&["build"]).code, 0);
    assert!(!plain.output("en/index.html").contains("site-license"));
    assert!(!plain.out_path("en/license").exists());
}

#[test]
fn site_build_reports_a_bad_snapshot_and_keeps_going() {
    let site = SiteTest::from_fixture(
        "//- content/en/index.md\n# Start\n\
         //- license/2026-11-27.yaml\nsnapshot: 1\ntaken_at: 2026-11-27T09:30:00Z\ncustomer: {company: X, serial: \"1\", colour: red}\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("license/2026-11-27.yaml:3:37: error[license-snapshot]: invalid helpgen snapshot: customer: unknown field `colour`"),
        "{}",
        run.stdout
    );
    assert!(
        site.out_path("en/index.html").is_file(),
        "the help still builds"
    );
    assert!(
        !site.output("en/index.html").contains("site-license"),
        "no link to a report that is not there"
    );
}

#[test]
fn report_without_a_folder_argument_writes_license_report() {
    let site = SiteTest::from_fixture(&format!("//- s.yaml\n{CLEAN}"));
    run_ok(
        &site,
        &["license", "report", "--snapshot", "s.yaml", "--lang", "sv"],
        0,
    );
    let html = read(&site, "license-report/sv/index.html");
    assert!(html.contains("Inga problem hittades."));
    assert!(Path::new(&site.root().join("license-report/report.json")).is_file());
}
