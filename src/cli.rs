//! The command line: clap types exactly as typed, turned into validated options, and the
//! commands that print results. `main` maps the returned [`Exit`] to the process status.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::{self, Built, Mode, Options};
use crate::config::{self, Config};
use crate::diag::{self, Severity};

/// helpgen: multilingual DocFX-style help and license status, as a static site.
#[derive(Debug, Parser)]
#[command(name = "helpgen", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print info diagnostics (orphan pages, missing translations) and stage timings.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Site config file (default: ./helpgen.toml when present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Check the site (links, anchors, images, includes, xrefs, tocs) without writing it.
    Check(CheckArgs),
    /// Print the body HTML of one page.
    Render(RenderArgs),
    /// License snapshots: publish the report, or check it against rules in CI.
    #[command(subcommand)]
    License(crate::license::cli::LicenseCommand),
    /// Build, serve on loopback, rebuild on change and reload the browser.
    Serve(ServeArgs),
    /// Start a new site (helpgen.toml, content/en with a page, an include and a toc).
    Init(InitArgs),
}

/// `helpgen init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new site (default: the current folder).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// `helpgen serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Content, languages, strictness, format.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder to build into and serve from (default: ./public).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// Options shared by commands that read a content tree.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Content folder (default: ./content).
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Only these languages, comma-separated (e.g. nl,de).
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// Output format of diagnostics and summary.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Print the wall time of each stage.
    #[arg(long)]
    pub timings: bool,
    /// Also fetch external http(s) links (each URL once, concurrently).
    #[arg(long)]
    pub external: bool,
    /// Timeout per external link, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 10, requires = "external")]
    pub timeout: u64,
    /// External requests in flight at once to one host.
    #[arg(long, value_name = "N", default_value_t = 2, requires = "external")]
    pub max_per_host: usize,
}

/// `helpgen build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Content, languages, strictness, format.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output folder (default: ./public).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Public URL of the site, for canonical links, hreflang and the sitemap.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Write `page/index.html` instead of `page.html`.
    #[arg(long)]
    pub pretty_urls: bool,
}

/// `helpgen check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Content, languages, strictness, format.
    #[command(flatten)]
    pub site: SiteArgs,
}

/// `helpgen render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The page, as a path (relative to the current folder or to the content folder).
    pub file: PathBuf,
    /// Content folder (default: ./content).
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
}

/// Human or JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics grouped by file and one summary line.
    Human,
    /// One JSON object: `{"diagnostics": [...], "summary": {...}}`.
    Json,
}

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Clean (warnings allowed unless strict).
    Success,
    /// The content has errors.
    ContentErrors,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let mut config = Config::load(cli.config.as_deref(), &cwd)?;
    match cli.command {
        Command::License(cmd) => crate::license::cli::run(cmd, &config, cli.quiet, cli.verbose),
        Command::Build(args) => {
            apply_site_args(&mut config, &args.site);
            if let Some(out) = &args.out {
                config.out_dir = out.clone();
            }
            if let Some(url) = &args.base_url {
                config.base_url = Some(config::normalize_base_url(url)?);
            }
            if args.pretty_urls {
                config.pretty_urls = true;
            }
            let mut opts = options(config, &args.site, Mode::Write);
            opts.progress &= !cli.quiet;
            let started = Instant::now();
            let outcome = build::build(&opts)?;
            report(
                &cli_out(cli.quiet, cli.verbose),
                &outcome,
                args.site.format,
                "built",
                started,
                args.site.timings,
            )
        }
        Command::Check(args) => {
            apply_site_args(&mut config, &args.site);
            let opts = options(config, &args.site, Mode::CheckOnly);
            let started = Instant::now();
            let outcome = build::build(&opts)?;
            report(
                &cli_out(cli.quiet, cli.verbose),
                &outcome,
                args.site.format,
                "checked",
                started,
                args.site.timings,
            )
        }
        Command::Init(args) => {
            let written = crate::init::init(&args.dir)?;
            if !cli.quiet {
                for f in &written {
                    println!("created {}", args.dir.join(f).display());
                }
                println!("next: cd {} && helpgen serve", args.dir.display());
            }
            Ok(Exit::Success)
        }
        Command::Serve(args) => {
            apply_site_args(&mut config, &args.site);
            if let Some(out) = &args.out {
                config.out_dir = out.clone();
            }
            let build = options(config, &args.site, Mode::Write);
            crate::serve::run(crate::serve::ServeOptions {
                build,
                bind: args.bind,
                port: args.port,
                open: args.open,
            })?;
            Ok(Exit::Success)
        }
        Command::Render(args) => {
            if let Some(c) = &args.content {
                config.content_dir = c.clone();
            }
            let rel = content_relative(&config, &args.file)?;
            let (html, diags) = build::render_one(&config, &rel)?;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(html.as_bytes())
                .context("cannot write to stdout")?;
            let text = diag::format_human(
                &diags,
                if cli.verbose {
                    Severity::Info
                } else {
                    Severity::Warning
                },
            );
            if !text.is_empty() && !cli.quiet {
                eprint!("{text}");
            }
            Ok(if build::worst(&diags) == Some(Severity::Error) {
                Exit::ContentErrors
            } else {
                Exit::Success
            })
        }
    }
}

fn apply_site_args(config: &mut Config, args: &SiteArgs) {
    if let Some(c) = &args.content {
        config.content_dir = c.clone();
    }
}

fn options(config: Config, args: &SiteArgs, mode: Mode) -> Options {
    Options {
        config,
        languages: args
            .lang
            .iter()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        strict: args.strict,
        mode,
        progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        external: args.external.then(|| crate::external::Options {
            timeout: std::time::Duration::from_secs(args.timeout.max(1)),
            per_host: args.max_per_host.max(1),
            ..crate::external::Options::default()
        }),
    }
}

/// The path of `file` relative to the content root, `/`-separated.
fn content_relative(config: &Config, file: &std::path::Path) -> anyhow::Result<String> {
    let root = config.content_dir.canonicalize().with_context(|| {
        format!(
            "content folder {} does not exist",
            config.content_dir.display()
        )
    })?;
    let candidates = [file.to_path_buf(), config.content_dir.join(file)];
    for c in candidates {
        if let Ok(abs) = c.canonicalize()
            && let Ok(rel) = abs.strip_prefix(&root)
        {
            return Ok(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    anyhow::bail!(
        "{} is not a file inside the content folder {}",
        file.display(),
        config.content_dir.display()
    )
}

/// How much to print.
struct Verbosity {
    quiet: bool,
    verbose: bool,
}

fn cli_out(quiet: bool, verbose: bool) -> Verbosity {
    Verbosity { quiet, verbose }
}

fn report(
    v: &Verbosity,
    outcome: &Built,
    format: Format,
    verb: &str,
    started: Instant,
    timings: bool,
) -> anyhow::Result<Exit> {
    let exit = if outcome.has_errors() {
        Exit::ContentErrors
    } else {
        Exit::Success
    };
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Json => {
            writeln!(
                stdout,
                "{}",
                diag::to_json(&outcome.diagnostics, &outcome.summary)
            )?;
        }
        Format::Human => {
            let min = if v.quiet {
                Severity::Error
            } else if v.verbose {
                Severity::Info
            } else {
                Severity::Warning
            };
            let text = diag::format_human(&outcome.diagnostics, min);
            if !text.is_empty() {
                write!(stdout, "{text}")?;
                writeln!(stdout)?;
            }
            let groups = diag::groups(&outcome.diagnostics, min);
            if !groups.is_empty() {
                writeln!(stdout, "by cause:")?;
                for g in groups {
                    writeln!(stdout, "{g}")?;
                }
            }
            if !v.quiet || exit != Exit::Success {
                writeln!(
                    stdout,
                    "{}",
                    summary_line(outcome, verb, started.elapsed().as_secs_f64())
                )?;
            }
            if timings || v.verbose {
                let t = &outcome.timings;
                writeln!(
                    stdout,
                    "timings: discover {:.3} s, parse {:.3} s, render {:.3} s, check {:.3} s, write {:.3} s",
                    t.discover.as_secs_f64(),
                    t.parse.as_secs_f64(),
                    t.render.as_secs_f64(),
                    t.check.as_secs_f64(),
                    t.write.as_secs_f64()
                )?;
            }
        }
    }
    Ok(exit)
}

/// `built 2,153 pages (1,062 redirects) in 2 languages (0 errors, 14 warnings) in 0.41 s`.
pub fn summary_line(outcome: &Built, verb: &str, seconds: f64) -> String {
    let langs = outcome.stats.languages;
    let infos = outcome.summary.by_code.values().sum::<usize>()
        - outcome.summary.errors
        - outcome.summary.warnings;
    let line = format!(
        "{verb} {} pages ({} redirects) in {} language{} ({} error{}, {} warning{}{}) in {:.2} s",
        group(outcome.stats.content_pages),
        group(outcome.stats.redirects),
        langs,
        if langs == 1 { "" } else { "s" },
        group(outcome.summary.errors),
        if outcome.summary.errors == 1 { "" } else { "s" },
        group(outcome.summary.warnings),
        if outcome.summary.warnings == 1 {
            ""
        } else {
            "s"
        },
        if infos > 0 {
            format!(", {} notes", group(infos))
        } else {
            String::new()
        },
        seconds
    );
    if outcome.cached {
        format!("{line} (nothing changed since the last build)")
    } else {
        line
    }
}

/// `2153` → `2,153`.
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
