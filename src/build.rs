//! The pipeline, end to end: config → discover → model → render → check → write.
//! `build`, `check`, `render` and `serve` all run through here.

use std::time::{Duration, Instant};

use crate::check;
use crate::config::Config;
use crate::diag::{self, Diagnostic, Severity, Summary};
use crate::discover;
use crate::model::{PageKind, Site};
use crate::output::{MemorySink, Sink, Staging};
use crate::render::{self, Report};
use crate::theme::Theme;

/// What to build.
#[derive(Debug, Clone)]
pub struct Options {
    /// Validated configuration (paths, URLs, languages).
    pub config: Config,
    /// Languages to build; all when empty.
    pub languages: Vec<String>,
    /// Warnings count as errors.
    pub strict: bool,
    /// Where the output goes.
    pub mode: Mode,
    /// Fetch external links with these settings (`--external`).
    pub external: Option<crate::external::Options>,
    /// Show a progress line on stderr while rendering (a terminal, not `--quiet`).
    pub progress: bool,
}

/// Where the output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the site to `config.out_dir` (staged, then swapped in).
    Write,
    /// Render and check, but write nothing (`check`).
    CheckOnly,
}

/// Wall time of each stage.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Walking and reading the content.
    pub discover: Duration,
    /// Front matter, tocs, landing pages, site model.
    pub parse: Duration,
    /// Markdown and templates, including writing the files.
    pub render: Duration,
    /// Link, anchor and toc checks. They run while the search index is written (the
    /// last part of rendering); their time is counted here, not in `render`.
    pub check: Duration,
    /// Swapping the new output into place.
    pub write: Duration,
}

/// The result of a build.
#[derive(Debug)]
pub struct Outcome {
    /// The site model.
    pub site: Site,
    /// Per-page facts from rendering.
    pub report: Report,
    /// Every diagnostic, sorted (strict applied).
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub summary: Summary,
    /// Stage timings.
    pub timings: Timings,
    /// Templates and locales used (kept for `serve`'s incremental renders).
    pub theme: Theme,
}

impl Outcome {
    /// Pages that are redirect stubs (`redirect_url`), plus `redirect_from` stubs.
    pub fn redirect_count(&self) -> usize {
        self.site
            .pages
            .iter()
            .filter(|p| matches!(p.kind, PageKind::Redirect { .. }))
            .count()
            + self.site.redirects.len()
    }

    /// Content pages (Markdown and landing pages).
    pub fn content_pages(&self) -> usize {
        self.site
            .pages
            .iter()
            .filter(|p| !matches!(p.kind, PageKind::Redirect { .. }))
            .count()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// What the command line reports of this build.
    pub fn built(&self) -> Built {
        Built {
            diagnostics: self.diagnostics.clone(),
            summary: self.summary.clone(),
            stats: Stats {
                content_pages: self.content_pages(),
                redirects: self.redirect_count(),
                languages: self.site.languages().len(),
            },
            timings: self.timings.clone(),
            cached: false,
        }
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    /// Markdown and landing pages.
    pub content_pages: usize,
    /// `redirect_url` pages and `redirect_from` stubs.
    pub redirects: usize,
    /// Languages built.
    pub languages: usize,
}

/// What a build reports: diagnostics, counts, timings.
#[derive(Debug, Clone)]
pub struct Built {
    /// Every diagnostic, sorted (strict applied).
    pub diagnostics: Vec<Diagnostic>,
    /// Counts of the diagnostics.
    pub summary: Summary,
    /// Pages, redirects, languages.
    pub stats: Stats,
    /// Stage timings.
    pub timings: Timings,
    /// Nothing had changed: the output and diagnostics are those of the previous build.
    pub cached: bool,
}

impl Built {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// `helpgen build`: like [`run`], but when every input (content, templates, locales,
/// license snapshots, options, the binary itself) hashes as it did for the previous
/// build and that build's output is untouched, nothing is rendered or written and the
/// previous diagnostics are reported again.
pub fn build(opts: &Options) -> anyhow::Result<Built> {
    let t = Instant::now();
    let content = discover::discover(&opts.config, &opts.languages)?;
    let discover_time = t.elapsed();
    let key = crate::cache::key(opts, &content);
    if opts.mode == Mode::Write
        && let Some(mut built) = crate::cache::load(&opts.config.out_dir, key)
    {
        built.timings = Timings {
            discover: discover_time,
            check: t.elapsed() - discover_time,
            ..Timings::default()
        };
        return Ok(built);
    }
    let mut outcome = run_with(opts, content)?;
    outcome.timings.discover = discover_time;
    let built = outcome.built();
    if opts.mode == Mode::Write {
        crate::cache::store(&opts.config.out_dir, key, &built);
    }
    // Freeing the model of a large site takes a fifth of a second on one thread; the
    // caller only needs the summary, so that happens beside it (and not at all when the
    // process exits first). Without a thread to spare, the model is freed right here.
    let _ = std::thread::Builder::new()
        .name("helpgen-free".into())
        .spawn(move || drop(outcome));
    Ok(built)
}

/// Runs the pipeline. Content problems are diagnostics in the outcome; `Err` is for
/// operational failures (missing folder, unwritable output, a template that does not
/// compile), in which case the previous output is untouched.
pub fn run(opts: &Options) -> anyhow::Result<Outcome> {
    let t = Instant::now();
    let content = discover::discover(&opts.config, &opts.languages)?;
    let discover_time = t.elapsed();
    let mut outcome = run_with(opts, content)?;
    outcome.timings.discover = discover_time;
    Ok(outcome)
}

/// The stages after discovery.
fn run_with(opts: &Options, content: discover::Content) -> anyhow::Result<Outcome> {
    let mut timings = Timings::default();

    let t = Instant::now();
    let site = Site::build(opts.config.clone(), content);
    let (theme, theme_diags) = Theme::load(
        &opts.config.templates_dir,
        &opts.config.locales_dir,
        site.languages(),
    )?;
    timings.parse = t.elapsed();

    let t = Instant::now();
    // The checks need the pages, not the search index: they run while it is written,
    // and report their own time.
    let check = |report: &render::Report| {
        let t = Instant::now();
        let diags = check::run(&site, &report.pages, opts.external.as_ref());
        (diags, t.elapsed())
    };
    let done = std::sync::atomic::AtomicUsize::new(0);
    let (report, (checked, check_time), staging) = match opts.mode {
        Mode::Write => {
            let staging = Staging::new(&opts.config.out_dir)?;
            staging.prepare_dirs(site.pages.iter().map(|p| p.url.as_str()))?;
            let finished = std::sync::atomic::AtomicBool::new(false);
            let (report, checked) = std::thread::scope(|scope| {
                if opts.progress {
                    scope.spawn(|| progress(&done, site.pages.len(), &finished));
                }
                let out = render::render_site_counted(&site, &theme, &staging, &done, check);
                finished.store(true, std::sync::atomic::Ordering::Relaxed);
                out
            });
            (report, checked, Some(staging))
        }
        Mode::CheckOnly => {
            let (report, checked) =
                render::render_site_counted(&site, &theme, &Discard, &done, check);
            (report, checked, None)
        }
    };
    timings.render = t.elapsed().saturating_sub(check_time);

    let t = Instant::now();
    let mut diagnostics = site.diagnostics.clone();
    diagnostics.extend(theme_diags);
    diagnostics.extend(report.diagnostics.iter().cloned());
    diagnostics.extend(checked);
    diag::normalize(&mut diagnostics);
    if opts.strict {
        diag::make_strict(&mut diagnostics);
    }
    timings.check = t.elapsed() + check_time;

    // Writing failures (disk full, permissions) are operational: keep the old output.
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.code == "render" && d.message.starts_with("cannot write"))
    {
        anyhow::bail!("{}: {}", d.file, d.message);
    }
    let t = Instant::now();
    if let Some(staging) = staging {
        staging.commit()?;
    }
    timings.write = t.elapsed();

    let summary = diag::summarize(&diagnostics, site.pages.len());
    Ok(Outcome {
        site,
        report,
        diagnostics,
        summary,
        timings,
        theme,
    })
}

/// Renders the page at `rel` (relative to the content root) and returns its body HTML
/// and the diagnostics about it; the rest of the site is loaded for links and xrefs.
pub fn render_one(config: &Config, rel: &str) -> anyhow::Result<(String, Vec<Diagnostic>)> {
    let content = discover::discover(config, &[])?;
    let site = Site::build(config.clone(), content);
    let Some(&i) = site.by_rel.get(rel) else {
        anyhow::bail!(
            "{rel} is not a page of {} (pages are .md files under a language folder, outside includes/)",
            config.content_dir.display()
        );
    };
    let page = &site.pages[i];
    let theme = Theme::builtin(site.languages());
    let ctx = crate::markdown::Ctx {
        resolve: &site,
        locale: theme.locale(&page.lang),
        page_url: &page.url,
    };
    let rendered = crate::markdown::render(&ctx, &page.file, page.body_offset);
    let mut diags: Vec<Diagnostic> = site
        .diagnostics
        .iter()
        .filter(|d| d.file == rel)
        .cloned()
        .collect();
    diags.extend(rendered.diagnostics);
    diag::normalize(&mut diags);
    Ok((rendered.html, diags))
}

/// Rewrites one line on stderr with the pages rendered so far, four times a second, from
/// the first second of rendering on; clears it at the end.
fn progress(
    done: &std::sync::atomic::AtomicUsize,
    total: usize,
    finished: &std::sync::atomic::AtomicBool,
) {
    use std::io::Write as _;
    use std::sync::atomic::Ordering;
    let start = Instant::now();
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        if start.elapsed() < Duration::from_secs(1) || start.elapsed().as_millis() % 250 >= 50 {
            continue;
        }
        let n = done.load(Ordering::Relaxed).min(total);
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\rrendering {n} of {total} pages ({}%)",
            n * 100 / total.max(1)
        );
        let _ = err.flush();
        shown = true;
    }
    if shown {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{:60}\r", "");
        let _ = err.flush();
    }
}

/// A sink that drops everything (`check`).
struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, _: &[u8]) -> anyhow::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, _: &std::path::Path) -> anyhow::Result<()> {
        Ok(())
    }
    fn wants_output(&self) -> bool {
        false
    }
}

/// Builds into memory (tests): every output file by path.
pub fn build_in_memory(
    config: Config,
) -> anyhow::Result<(Outcome, std::collections::BTreeMap<String, Vec<u8>>)> {
    let content = discover::discover(&config, &[])?;
    let site = Site::build(config.clone(), content);
    let (theme, _) = Theme::load(&config.templates_dir, &config.locales_dir, site.languages())?;
    let sink = MemorySink::default();
    let report = render::render_site(&site, &theme, &sink);
    let mut diagnostics = site.diagnostics.clone();
    diagnostics.extend(report.diagnostics.iter().cloned());
    diagnostics.extend(check::run(&site, &report.pages, None));
    diag::normalize(&mut diagnostics);
    let summary = diag::summarize(&diagnostics, site.pages.len());
    Ok((
        Outcome {
            site,
            report,
            diagnostics,
            summary,
            timings: Timings::default(),
            theme,
        },
        sink.into_files(),
    ))
}

/// Errors first, for exit codes.
pub fn worst(diags: &[Diagnostic]) -> Option<Severity> {
    diags.iter().map(|d| d.severity).min()
}
