//! Shared by the fuzz targets: an in-memory site built from a few virtual files.

#![allow(dead_code, reason = "each target uses part of this module")]

use std::path::Path;
use std::sync::OnceLock;

use helpgen::config::{Config, RawConfig};
use helpgen::discover::Content;
use helpgen::model::Site;
use helpgen::output::MemorySink;
use helpgen::theme::Theme;

/// The fuzz input as text; invalid UTF-8 is replaced, as `decode` would refuse it anyway.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Cuts `text` at NUL characters into at most `n` parts, so one input can describe
/// several files (a page and the files it includes, a toc and the tocs it nests).
pub fn parts(text: &str, n: usize) -> Vec<&str> {
    text.splitn(n, '\0').collect()
}

/// A config that points at nothing on disk: no license folder, no overrides.
pub fn config() -> Config {
    Config::from_raw(RawConfig::default(), Path::new("/nonexistent-helpgen-fuzz"))
        .expect("the default config is valid")
}

/// The built-in theme, compiled once per process.
pub fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| Theme::builtin(&["nl".to_owned(), "en".to_owned()]))
}

/// The site model of in-memory `files` (content-relative path, text).
pub fn site(files: &[(&str, &str)]) -> Site {
    let content = Content::from_memory(&["nl", "en"], files.iter().copied());
    Site::build(config(), content)
}

/// Builds `site` end to end into memory: every page, navigation, search index, checks.
pub fn render_and_check(site: &Site) {
    let sink = MemorySink::default();
    let report = helpgen::render::render_site(site, theme(), &sink);
    let _ = helpgen::check::run(site, &report.pages, None);
    let _ = sink.into_files();
}

/// A small, valid helpgen snapshot of an earlier day, so a fuzzed snapshot always has a
/// history to be compared with (trends, changes, charts).
pub const EARLIER_SNAPSHOT: &str = "snapshot: 1
taken_at: 2026-10-01T09:00:00Z
customer: {company: Voorbeeld BV, serial: \"1\"}
owners:
  - name: SUPEROFFICE
    expiry: 2027-03-27
    modules:
      - {name: ten-sales, type: user, total: 25, in_use: 20}
      - {name: user, type: user, total: 46, in_use: 39, hidden: true}
plan_limits:
  - {name: active projects, used: 80, limit: 100}
metered:
  period: 2026-10
  users: 40
  services:
    - {key: storage, unit: GB, used: 40, threshold: {base: 10, per_user: 1}, unit_price: 0.5}
";

/// Every rule `--fail-on` knows, to evaluate against each analysis.
pub const ALL_RULES: &str =
    "expired,grace,expiring:30d,over-assigned,full,limit:85,metered-overage,prerequisite";

/// What the report does with a snapshot file named `file` holding `text`: read it,
/// combine it with an earlier snapshot, analyse, write report.json, licenses.csv and the
/// HTML report, and evaluate every rule. Snapshot text must never reach the HTML
/// unescaped: the seeds carry `<xss>` in text fields, and the output must not.
pub fn license(
    file: &str,
    source: Result<helpgen::license::snapshot::Source, helpgen::license::snapshot::LoadError>,
) {
    use helpgen::license::report::{self, PageNav, Report};
    use helpgen::license::{rules, snapshot};

    let Ok(mut source) = source else {
        return;
    };
    source.named_date = snapshot::date_in_name(file);
    let earlier = match snapshot::parse("2026-10-01.yaml", EARLIER_SNAPSHOT) {
        Ok(s) => s,
        Err(e) => panic!("the earlier snapshot is valid: {e}"),
    };
    let opts = snapshot::LoadOptions::default();
    let Ok(history) = snapshot::combine(vec![earlier, source], opts) else {
        return;
    };
    let Some(report) = Report::new(&history, None) else {
        return;
    };
    let current = report.current();
    let _ = report::to_json(current);
    let _ = report::to_csv(current);
    let all = rules::parse(&[ALL_RULES.to_owned()]).expect("every rule parses");
    let _ = rules::evaluate(&all, current);
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
    if let Ok(html) = report::render_html(&report, theme(), "nl", &nav) {
        let html = String::from_utf8_lossy(&html);
        assert!(
            !html.contains("<xss"),
            "snapshot text reached the HTML unescaped"
        );
    }
}
