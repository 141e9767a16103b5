//! The license report: SuperOffice license snapshots → analysis → an HTML report per
//! language, report.json and licenses.csv, and the rules of `helpgen license check`.
//!
//! Stages, in order:
//! - [`snapshot`] (with [`rest`] and [`yaml`]): files → one [`snapshot::Snapshot`] per
//!   moment → a [`snapshot::History`]. The only part that reads files.
//! - [`analyze`], [`history`]: a snapshot judged at a moment that is passed in (never the
//!   clock), and what changed between moments. Pure.
//! - [`rules`]: the `--fail-on` grammar and its evaluation. Pure.
//! - [`text`], [`chart`], [`report`]: words and figures per language, SVG geometry, and
//!   the HTML, JSON and CSV outputs. Pure; files are handed to an [`crate::output::Sink`].
//! - [`cli`]: `helpgen license report` and `helpgen license check`.
//!
//! Invariant: snapshot text reaches HTML only through Tera's autoescaping (and the SVG
//! is drawn by the template from numbers and plain strings), so no snapshot can inject
//! markup.

pub mod analyze;
pub mod chart;
pub mod cli;
pub mod history;
pub mod report;
pub mod rest;
pub mod rules;
pub mod snapshot;
pub mod text;
pub mod yaml;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::{Site, url};
use crate::output::Sink;
use crate::path::relative_url;
use crate::theme::Theme;
use report::{PageNav, Report};
use snapshot::{LoadError, LoadOptions};

/// The license report of a site build (`license/` beside the content), loaded once before
/// rendering so every page's navigation knows whether to link it.
#[derive(Debug, Default)]
pub struct SiteReport {
    report: Option<Report>,
    diagnostics: Vec<Diagnostic>,
}

impl SiteReport {
    /// Reads the site's license folder, if it has one. Problems become diagnostics: a bad
    /// snapshot fails the build (exit 1) but never stops it.
    pub fn load(config: &Config) -> SiteReport {
        let dir = &config.license_dir;
        if !dir.is_dir() {
            return SiteReport::default();
        }
        let shown = snapshot::display_path(dir);
        // A license folder without snapshot files is worth a warning, not a failed build.
        match snapshot::list_files(std::slice::from_ref(dir)) {
            Ok(_) => {}
            Err(e) => {
                return SiteReport {
                    report: None,
                    diagnostics: vec![Diagnostic::warning(
                        "license-snapshot",
                        shown,
                        (0, 0),
                        format!("{e:#}; the site has no license report"),
                    )],
                };
            }
        }
        match snapshot::load(std::slice::from_ref(dir), LoadOptions::default()) {
            Ok(history) => SiteReport {
                report: Report::new(&history, None),
                diagnostics: history.diagnostics,
            },
            Err(e) => SiteReport {
                report: None,
                diagnostics: vec![match e.downcast_ref::<LoadError>() {
                    Some(le) => le.to_diagnostic(),
                    None => Diagnostic::error("license-snapshot", shown, (0, 0), format!("{e:#}")),
                }],
            },
        }
    }

    /// Whether there is a report to render and link.
    pub fn available(&self) -> bool {
        self.report.is_some()
    }

    /// Writes `<lang>/license/index.html`, `report.json` and `licenses.csv` for every
    /// language of the site; returns the number of files and the diagnostics.
    pub fn render(&self, site: &Site, theme: &Theme, sink: &dyn Sink) -> (usize, Vec<Diagnostic>) {
        let mut diags = self.diagnostics.clone();
        let Some(report) = &self.report else {
            return (0, diags);
        };
        let page_url = |lang: &str| format!("{lang}/license/index.html");
        let languages: Vec<(String, String)> = site
            .languages()
            .iter()
            .map(|l| (l.clone(), page_url(l)))
            .collect();
        let json = report::to_json(report.current());
        let csv = report::to_csv(report.current());
        let source = snapshot::display_path(&site.config.license_dir);
        let mut files = 0;
        for lang in site.languages() {
            let url = page_url(lang);
            if let Some(&i) = site.by_out.get(&url) {
                diags.push(Diagnostic::error(
                    "license-report",
                    &site.pages[i].rel,
                    (0, 0),
                    format!("this page is written to {url}, where the license report goes; the report of `{lang}` is left out"),
                ));
                continue;
            }
            let nav = PageNav {
                home: relative_url(&url, &home_url(site, lang)),
                url: url.clone(),
                languages: languages.clone(),
                json_href: "report.json".to_owned(),
                csv_href: "licenses.csv".to_owned(),
                site_title: site.config.title.clone(),
                base_url: site.config.base_url.clone(),
                default_language: site.default_lang.clone(),
                extra: site.config.extra.clone(),
                license_link: true,
            };
            let outputs = [
                (
                    url.clone(),
                    report::render_html(report, theme, lang, &nav).map_err(anyhow::Error::msg),
                ),
                (
                    format!("{lang}/license/report.json"),
                    Ok(json.clone().into_bytes()),
                ),
                (
                    format!("{lang}/license/licenses.csv"),
                    Ok(csv.clone().into_bytes()),
                ),
            ];
            for (path, bytes) in outputs {
                let bytes = match bytes {
                    Ok(b) => b,
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            "render",
                            &source,
                            (0, 0),
                            format!("{e:#}"),
                        ));
                        continue;
                    }
                };
                match sink.write(&path, &bytes) {
                    Ok(()) => files += 1,
                    Err(e) => diags.push(Diagnostic::error(
                        "render",
                        &source,
                        (0, 0),
                        format!("cannot write {path}: {e:#}"),
                    )),
                }
            }
        }
        (files, diags)
    }
}

/// The start page of `lang`, as `render` links it.
fn home_url(site: &Site, lang: &str) -> String {
    ["index.md", "index.yml"]
        .iter()
        .find_map(|p| site.pairs.get(*p).and_then(|m| m.get(lang)))
        .map_or_else(
            || url::page_url(&format!("{lang}/index.md"), site.config.pretty_urls),
            |&i| site.pages[i].url.clone(),
        )
}
