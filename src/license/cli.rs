//! The `helpgen license` commands: `report` writes the report into a staging folder that
//! replaces the output folder only when everything rendered; `check` evaluates
//! `--fail-on` rules (exit 1 when one trips). Bad input is an error (exit 2) that names
//! `file:line:col`, and leaves no output behind.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::report::{self, PageNav, Report};
use super::rules;
use super::snapshot::{self, History, LoadOptions, Stamp};
use super::text::Words;
use crate::cli::Exit;
use crate::config::{BUILTIN_LANGUAGES, Config};
use crate::diag::{self, Severity};
use crate::output::{Sink as _, Staging};
use crate::theme::{STATIC_DIR, Theme};

/// `helpgen license …`.
#[derive(Debug, Subcommand)]
pub enum LicenseCommand {
    /// Write the license report: HTML per language, report.json and licenses.csv.
    Report(ReportArgs),
    /// Check the newest snapshot against rules; exit 1 when one trips.
    Check(CheckArgs),
}

/// Where the snapshots are and when to judge them.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// A snapshot file or a folder of them (REST JSON and helpgen YAML, told apart by
    /// content); repeat for more.
    #[arg(long = "snapshot", value_name = "PATH", required = true)]
    pub snapshots: Vec<PathBuf>,
    /// Judge the newest snapshot on this day instead of when it was taken
    /// (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// When REST files without a date in their name were taken (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub taken_at: Option<String>,
}

/// `helpgen license report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Snapshots and dates.
    #[command(flatten)]
    pub snapshot: SnapshotArgs,
    /// Output folder, replaced as a whole (default: ./license-report).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Languages, comma-separated (default: the config's languages, else en,nl,de,da,no,sv).
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub lang: Vec<String>,
}

/// `helpgen license check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Snapshots and dates.
    #[command(flatten)]
    pub snapshot: SnapshotArgs,
    /// Rules that fail the check, comma-separated: expired, grace, expiring:<N>d,
    /// over-assigned, full, limit:<percent>, metered-overage, prerequisite.
    #[arg(long, value_name = "RULES", required = true)]
    pub fail_on: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
}

/// How `license check` prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Owners, findings and tripped rules, one per line, and a summary line.
    Human,
    /// One JSON object: `as_of`, `owners`, `findings`, `rules`, `tripped`, `passed`.
    Json,
}

/// How much a command prints besides its result.
#[derive(Debug, Clone, Copy)]
struct Noise {
    /// Print only errors (and, for `check`, what tripped).
    quiet: bool,
    /// Also print notes about how files were combined.
    verbose: bool,
}

/// Runs a `license` command.
pub fn run(
    cmd: LicenseCommand,
    config: &Config,
    quiet: bool,
    verbose: bool,
) -> anyhow::Result<Exit> {
    let noise = Noise { quiet, verbose };
    match cmd {
        LicenseCommand::Report(args) => run_report(args, config, noise),
        LicenseCommand::Check(args) => run_check(args, noise),
    }
}

fn moment(flag: &str, value: Option<&str>) -> anyhow::Result<Option<Stamp>> {
    value
        .map(|v| {
            snapshot::parse_moment(v).ok_or_else(|| {
                anyhow::anyhow!(
                    "bad {flag} `{v}`: expected a date like 2026-11-27 or an RFC 3339 date-time like 2026-11-27T09:30:00Z"
                )
            })
        })
        .transpose()
}

/// Loads the history and the analysis moment of the newest snapshot.
fn load(args: &SnapshotArgs, noise: Noise) -> anyhow::Result<(History, Option<Stamp>)> {
    let as_of = moment("--as-of", args.as_of.as_deref())?;
    let taken_at = moment("--taken-at", args.taken_at.as_deref())?;
    let history = snapshot::load(
        &args.snapshots,
        LoadOptions {
            taken_at: taken_at.map(|t| t.0),
            as_of: as_of.map(|t| t.0),
        },
    )?;
    if !noise.quiet {
        let min = if noise.verbose {
            Severity::Info
        } else {
            Severity::Warning
        };
        let text = diag::format_human(&history.diagnostics, min);
        if !text.is_empty() {
            eprint!("{text}");
        }
    }
    Ok((history, as_of))
}

fn languages(args: &[String], config: &Config) -> anyhow::Result<Vec<String>> {
    let mut langs: Vec<String> = args
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if langs.is_empty() {
        langs = if config.languages.is_empty() {
            BUILTIN_LANGUAGES.iter().map(|l| (*l).to_owned()).collect()
        } else {
            config.languages.clone()
        };
    }
    let mut seen = Vec::new();
    for l in langs {
        let ok = l.len() <= 16
            && l.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            anyhow::bail!("`{l}` is not a language code (expected e.g. en, nl, de, pt-br)");
        }
        if !seen.contains(&l) {
            seen.push(l);
        }
    }
    Ok(seen)
}

fn run_report(args: ReportArgs, config: &Config, noise: Noise) -> anyhow::Result<Exit> {
    let (history, as_of) = load(&args.snapshot, noise)?;
    let report =
        Report::new(&history, as_of).context("the snapshots hold no moment to report on")?;
    let langs = languages(&args.lang, config)?;
    let (theme, theme_diags) = Theme::load(&config.templates_dir, &config.locales_dir, &langs)?;
    if let Some(d) = theme_diags.iter().find(|d| d.severity == Severity::Error) {
        anyhow::bail!("{}: {}", d.location(), d.message);
    }

    // Render everything in memory first: a template error leaves no output at all.
    let files = standalone_files(&report, &theme, &langs, config)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("license-report"));
    let staging = Staging::new(&out)?;
    for (path, bytes) in &files {
        staging.write(path, bytes)?;
    }
    staging.commit()?;

    if !noise.quiet {
        let a = report.current();
        let modules: usize = a.owners.iter().map(|o| o.modules.len()).sum();
        let errors = a.count(Severity::Error);
        let warnings = a.count(Severity::Warning);
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        println!(
            "wrote the license report of {} ({}, {}; {}, {}) in {} to {}",
            if a.customer.company.is_empty() {
                "an unnamed installation"
            } else {
                &a.customer.company
            },
            plural(a.owners.len(), "owner", "owners"),
            plural(modules, "license", "licenses"),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(langs.len(), "language", "languages"),
            out.display()
        );
    }
    Ok(Exit::Success)
}

/// Every file of a standalone report: a language chooser, `<lang>/index.html`,
/// report.json, licenses.csv and the theme's static files.
pub fn standalone_files(
    report: &Report,
    theme: &Theme,
    langs: &[String],
    config: &Config,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let page_url = |l: &str| format!("{l}/index.html");
    let languages: Vec<(String, String)> = langs.iter().map(|l| (l.clone(), page_url(l))).collect();
    let default_language = config
        .default_language
        .clone()
        .filter(|d| langs.contains(d))
        .or_else(|| langs.first().cloned())
        .unwrap_or_else(|| "en".to_owned());
    let mut files = Vec::new();
    for lang in langs {
        let url = page_url(lang);
        let nav = PageNav {
            home: "index.html".to_owned(),
            url: url.clone(),
            languages: languages.clone(),
            json_href: "../report.json".to_owned(),
            csv_href: "../licenses.csv".to_owned(),
            site_title: config.title.clone(),
            base_url: config.base_url.clone(),
            default_language: default_language.clone(),
            extra: config.extra.clone(),
            license_link: false,
        };
        let html = report::render_html(report, theme, lang, &nav).map_err(anyhow::Error::msg)?;
        files.push((url, html));
    }
    files.push((
        "index.html".to_owned(),
        chooser(report, theme, langs, &default_language)?,
    ));
    files.push((
        "report.json".to_owned(),
        report::to_json(report.current()).into_bytes(),
    ));
    files.push((
        "licenses.csv".to_owned(),
        report::to_csv(report.current()).into_bytes(),
    ));
    for (name, bytes) in &theme.statics {
        files.push((format!("{STATIC_DIR}/{name}"), bytes.clone()));
    }
    Ok(files)
}

/// The root page: one link per language (the theme's `root.html`).
fn chooser(
    report: &Report,
    theme: &Theme,
    langs: &[String],
    default_language: &str,
) -> anyhow::Result<Vec<u8>> {
    #[derive(Serialize)]
    struct Lang {
        code: String,
        name: String,
        href: String,
    }
    let locale = theme.locale(default_language);
    let company = &report.current().customer.company;
    let title = Words::new(locale).fill("license_page_title", &[("company", company)]);
    let languages: Vec<Lang> = langs
        .iter()
        .map(|l| Lang {
            code: l.clone(),
            name: theme.locale(l).get("language_name").to_owned(),
            href: format!("{l}/index.html"),
        })
        .collect();
    let hreflang: Vec<serde_json::Value> = if langs.len() > 1 {
        languages
            .iter()
            .map(|l| serde_json::json!({"hreflang": l.code, "href": l.href}))
            .collect()
    } else {
        Vec::new()
    };
    let mut c = tera::Context::new();
    c.insert("lang", default_language);
    c.insert_value("t", tera::Value::from_serializable(&locale.strings));
    c.insert(
        "site",
        &serde_json::json!({"title": title, "lang": default_language}),
    );
    c.insert("languages", &languages);
    c.insert("hreflang", &hreflang);
    let mut buf = Vec::new();
    theme
        .tera
        .render_to("root.html", &c, &mut buf)
        .map_err(|e| {
            anyhow::anyhow!(
                "template root.html failed: {}",
                crate::theme::error_chain(&e)
            )
        })?;
    Ok(buf)
}

fn run_check(args: CheckArgs, noise: Noise) -> anyhow::Result<Exit> {
    let rules = rules::parse(&args.fail_on)?;
    let quiet = noise.quiet;
    let (history, as_of) = load(&args.snapshot, noise)?;
    let report = Report::new(&history, as_of).context("the snapshots hold no moment to check")?;
    let a = report.current();
    let trips = rules::evaluate(&rules, a);
    let w = Words::machine();
    let mut out = std::io::stdout().lock();
    match args.format {
        CheckFormat::Json => {
            #[derive(Serialize)]
            struct OwnerLine<'a> {
                name: &'a str,
                status: &'a str,
                days_left: Option<i64>,
                expiry: Option<String>,
            }
            #[derive(Serialize)]
            struct FindingLine {
                severity: Severity,
                code: &'static str,
                message: String,
            }
            #[derive(Serialize)]
            struct TripLine<'a> {
                rule: &'a str,
                message: &'a str,
            }
            #[derive(Serialize)]
            struct Doc<'a> {
                as_of: String,
                company: &'a str,
                serial: &'a str,
                owners: Vec<OwnerLine<'a>>,
                findings: Vec<FindingLine>,
                rules: Vec<String>,
                tripped: Vec<TripLine<'a>>,
                passed: bool,
            }
            let doc = Doc {
                as_of: a.as_of.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                company: &a.customer.company,
                serial: &a.customer.serial,
                owners: a
                    .owners
                    .iter()
                    .map(|o| OwnerLine {
                        name: &o.name,
                        status: o.status.as_str(),
                        days_left: o.days_left,
                        expiry: o.expiry.map(|d| d.to_string()),
                    })
                    .collect(),
                findings: a
                    .findings
                    .iter()
                    .map(|f| FindingLine {
                        severity: f.severity,
                        code: f.kind.code(),
                        message: w.finding(f),
                    })
                    .collect(),
                rules: rules.iter().map(ToString::to_string).collect(),
                tripped: trips
                    .iter()
                    .map(|t| TripLine {
                        rule: &t.rule,
                        message: &t.message,
                    })
                    .collect(),
                passed: trips.is_empty(),
            };
            let text = serde_json::to_string_pretty(&doc)
                .context("cannot write the check result as JSON")?;
            writeln!(out, "{text}")?;
        }
        CheckFormat::Human => {
            if !quiet {
                writeln!(
                    out,
                    "{} ({}), as of {}",
                    if a.customer.company.is_empty() {
                        "-"
                    } else {
                        &a.customer.company
                    },
                    if a.customer.serial.is_empty() {
                        "-"
                    } else {
                        &a.customer.serial
                    },
                    w.date(a.as_of.date_naive())
                )?;
                let width = a
                    .owners
                    .iter()
                    .map(|o| o.name.chars().count())
                    .max()
                    .unwrap_or(0);
                for o in &a.owners {
                    let expiry = match (o.expiry, o.days_left) {
                        (Some(d), Some(days)) => {
                            format!("expires {} ({})", w.date(d), w.days_left(days))
                        }
                        _ => "not time-limited".to_owned(),
                    };
                    writeln!(out, "  {:width$}  {:8} {expiry}", o.name, o.status.as_str())?;
                }
                if !a.findings.is_empty() {
                    writeln!(out, "findings:")?;
                    for f in &a.findings {
                        writeln!(
                            out,
                            "  {}[{}]: {}",
                            f.severity.as_str(),
                            f.kind.code(),
                            w.finding(f)
                        )?;
                    }
                }
            }
            for t in &trips {
                writeln!(out, "tripped {}: {}", t.rule, t.message)?;
            }
            if !quiet || !trips.is_empty() {
                let tripped_rules = {
                    let mut r: Vec<&str> = trips.iter().map(|t| t.rule.as_str()).collect();
                    r.dedup();
                    r.len()
                };
                let n = rules.len();
                let noun = if n == 1 { "rule" } else { "rules" };
                if trips.is_empty() {
                    writeln!(out, "license check passed: none of {n} {noun} tripped")?;
                } else {
                    writeln!(
                        out,
                        "license check failed: {tripped_rules} of {n} {noun} tripped"
                    )?;
                }
            }
        }
    }
    Ok(if trips.is_empty() {
        Exit::Success
    } else {
        Exit::ContentErrors
    })
}
