//! `helpgen serve`: build, serve the output over HTTP on loopback, watch the sources and
//! rebuild only what a change affects, and reload open browser tabs.
//!
//! The browser side is a small script the server injects into every HTML response; it
//! long-polls `/__helpgen/poll` and reloads when its page changed, or shows the errors of
//! the last save as an overlay. Besides `discover` and `output`, this is the only module
//! that touches the file system.

use std::collections::{BTreeSet, HashMap};
use std::io::Read as _;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use notify::Watcher as _;
use serde::Serialize;

use crate::build::{self, Mode, Options};
use crate::diag::{self, Diagnostic, Severity};
use crate::model::PageKind;
use crate::output::Sink;
use crate::render;
use crate::source::{SourceFile, decode};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build (config, languages); `mode` is ignored.
    pub build: Options,
    /// Address to listen on (loopback by default).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
}

/// The browser-facing state: a version that grows with every rebuild, what changed, and
/// the errors to show.
#[derive(Debug, Default, Clone, Serialize)]
struct Update {
    version: u64,
    /// Site paths (`/nl/a.html`) that changed; `["*"]` after a full rebuild.
    changed: Vec<String>,
    /// Errors of the files saved last, for the overlay.
    errors: Vec<OverlayItem>,
}

#[derive(Debug, Clone, Serialize)]
struct OverlayItem {
    location: String,
    severity: &'static str,
    code: &'static str,
    message: String,
}

/// Shared between the rebuild loop and the HTTP threads.
struct Hub {
    state: Mutex<Update>,
    changed: Condvar,
}

impl Hub {
    fn publish(&self, changed: Vec<String>, errors: Vec<OverlayItem>) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.version += 1;
        s.changed = changed;
        s.errors = errors;
        drop(s);
        self.changed.notify_all();
    }

    /// Waits until the version passes `seen` (or `timeout`), then returns the state.
    fn wait(&self, seen: u64, timeout: Duration) -> Update {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| s.version <= seen)
            .unwrap_or_else(|p| p.into_inner());
        s.clone()
    }
}

/// Runs until interrupted.
pub fn run(opts: ServeOptions) -> anyhow::Result<()> {
    let mut build_opts = opts.build.clone();
    build_opts.mode = Mode::Write;
    let out_dir = build_opts.config.out_dir.clone();
    let started = Instant::now();
    let mut state = State::full(&build_opts)?;
    print_diagnostics(&state.outcome.diagnostics, Severity::Warning);
    println!(
        "{}",
        crate::cli::summary_line(
            &state.outcome.built(),
            "built",
            started.elapsed().as_secs_f64()
        )
    );

    let server = tiny_http::Server::http(SocketAddr::new(opts.bind, opts.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    let url = format!("http://{addr}/");
    println!("serving {} at {url} (Ctrl+C to stop)", out_dir.display());
    if opts.open {
        let _ = std::process::Command::new("xdg-open")
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }

    // Version 0 is what a freshly loaded page asks with, to get the state at once.
    let hub = Arc::new(Hub {
        state: Mutex::new(Update {
            version: 1,
            ..Update::default()
        }),
        changed: Condvar::new(),
    });
    let http_hub = hub.clone();
    let http_out = out_dir.clone();
    std::thread::spawn(move || serve_http(server, &http_out, &http_hub));

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            let _ = tx.send(event);
        }
    })
    .context("cannot watch the file system")?;
    let config = &build_opts.config;
    for dir in [
        &config.content_dir,
        &config.templates_dir,
        &config.locales_dir,
        &config.license_dir,
    ] {
        if dir.is_dir() {
            watcher
                .watch(dir, notify::RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", dir.display()))?;
        }
    }
    let watched = Watched::new(&build_opts, &out_dir);
    loop {
        let paths = next_batch(&rx, &watched);
        if paths.is_empty() {
            continue;
        }
        let t = Instant::now();
        let (changed, errors, what) = state.apply(&build_opts, &paths);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        for e in &errors {
            println!(
                "  {}: {}[{}]: {}",
                e.location, e.severity, e.code, e.message
            );
        }
        println!("rebuilt {what} in {ms:.1} ms");
        hub.publish(changed, errors);
    }
}

/// Which folders mean what, for classifying file events.
struct Watched {
    content: PathBuf,
    theme: Vec<PathBuf>,
    out: PathBuf,
}

impl Watched {
    fn new(opts: &Options, out: &Path) -> Watched {
        let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let c = &opts.config;
        Watched {
            content: abs(&c.content_dir),
            theme: vec![
                abs(&c.templates_dir),
                abs(&c.locales_dir),
                abs(&c.license_dir),
            ],
            out: abs(out),
        }
    }
}

/// What a batch of file events asks for.
#[derive(Debug, PartialEq, Eq)]
enum Change {
    /// Content files, by content-relative path.
    Content(BTreeSet<String>),
    /// Templates, locales or license snapshots: everything.
    Everything,
}

/// Waits for file events, then collects the burst that follows (editors write temp
/// files, rename and touch in quick succession), ignoring editor scratch files.
fn next_batch(rx: &Receiver<notify::Event>, watched: &Watched) -> Vec<Change> {
    let Ok(first) = rx.recv() else {
        // The watcher is gone: nothing will ever change again.
        std::thread::sleep(Duration::from_secs(3600));
        return Vec::new();
    };
    let mut events = vec![first];
    let quiet = Duration::from_millis(4);
    let deadline = Instant::now() + Duration::from_millis(60);
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        match rx.recv_timeout(quiet.min(deadline - now)) {
            Ok(e) => events.push(e),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    classify(&events, watched)
}

fn classify(events: &[notify::Event], watched: &Watched) -> Vec<Change> {
    let mut content = BTreeSet::new();
    let mut everything = false;
    for event in events {
        if matches!(event.kind, notify::EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            if path.starts_with(&watched.out) {
                continue;
            }
            // Only the part below the watched folder says whether a file is scratch: the
            // site itself may live below a hidden folder (`~/.local/…`, `/tmp/.tmpXYZ`).
            if let Some(rel) = watched.theme.iter().find_map(|t| path.strip_prefix(t).ok()) {
                everything |= !is_scratch(rel);
            } else if let Ok(rel) = path.strip_prefix(&watched.content)
                && !is_scratch(rel)
                && let Some(rel) = rel.to_str()
            {
                content.insert(rel.replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    if everything {
        out.push(Change::Everything);
    } else if !content.is_empty() {
        out.push(Change::Content(content));
    }
    out
}

/// Editors' swap, backup and temp files; `path` is relative to the watched folder.
fn is_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".part",
            ".crdownload",
            ".bak",
        ]
        .iter()
        .any(|s| name.ends_with(s))
        || path
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')))
}

/// The site as last built, kept for incremental rebuilds.
struct State {
    outcome: build::Outcome,
    /// Include file → pages that include it.
    includers: HashMap<String, Vec<usize>>,
}

impl State {
    fn full(opts: &Options) -> anyhow::Result<State> {
        let outcome = build::run(opts)?;
        let mut includers: HashMap<String, Vec<usize>> = HashMap::new();
        for f in &outcome.report.pages {
            for inc in &f.includes {
                includers.entry(inc.clone()).or_default().push(f.page);
            }
        }
        Ok(State { outcome, includers })
    }

    /// Applies a batch of changes; returns the changed site paths, the errors to show
    /// and a description for the terminal.
    fn apply(
        &mut self,
        opts: &Options,
        changes: &[Change],
    ) -> (Vec<String>, Vec<OverlayItem>, String) {
        let files = match changes {
            [Change::Content(files)] => files.clone(),
            _ => {
                return self
                    .rebuild_all(opts, "everything (templates or locales changed)".to_owned());
            }
        };
        match self.pages_to_render(&files) {
            Some(pages) => self.rerender(opts, &files, &pages),
            None => {
                let what = files.iter().cloned().collect::<Vec<_>>().join(", ");
                self.rebuild_all(opts, format!("everything ({what})"))
            }
        }
    }

    fn rebuild_all(
        &mut self,
        opts: &Options,
        what: String,
    ) -> (Vec<String>, Vec<OverlayItem>, String) {
        match State::full(opts) {
            Ok(s) => {
                *self = s;
                let errors = overlay(
                    self.outcome
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity == Severity::Error),
                );
                (vec!["*".to_owned()], errors, what)
            }
            Err(e) => {
                let item = OverlayItem {
                    location: "build".to_owned(),
                    severity: "error",
                    code: "build",
                    message: format!("{e:#}"),
                };
                println!("error: {e:#}");
                (Vec::new(), vec![item], what)
            }
        }
    }

    /// The pages a set of content changes touches, or `None` when the site model itself
    /// changes (a page added, removed or renamed, a toc or front matter edited) and only a
    /// full rebuild is correct. Updates the stored sources of changed pages and includes.
    fn pages_to_render(&mut self, files: &BTreeSet<String>) -> Option<Vec<usize>> {
        let site = &mut self.outcome.site;
        let mut pages = BTreeSet::new();
        for rel in files {
            let abs = site.config.content_dir.join(rel);
            let known = site.content.files.contains_key(rel) || site.content.assets.contains(rel);
            let Ok(bytes) = std::fs::read(&abs) else {
                if known {
                    // Deleted or renamed away.
                    return None;
                }
                // A temp file that came and went (sed -i, editors' atomic saves).
                continue;
            };
            let known = site.content.files.contains_key(rel);
            if !known {
                if site.content.assets.contains(rel) {
                    continue;
                }
                // A new file: it may be a page, a toc or an include.
                return None;
            }
            if rel.ends_with("toc.yml") || rel.ends_with(".yml") {
                return None;
            }
            let text = decode(&bytes).ok()?;
            let file = Arc::new(SourceFile::new(rel.clone(), text));
            if let Some(&i) = site.by_rel.get(rel) {
                let page = &site.pages[i];
                let (fm, split, _) = crate::frontmatter::parse(&file);
                if fm != page.fm || !matches!(page.kind, PageKind::Markdown) {
                    return None;
                }
                let title = fm
                    .title
                    .clone()
                    .or_else(|| crate::markdown::first_heading(split.body))
                    .unwrap_or_else(|| page.title.clone());
                if title != page.title {
                    return None;
                }
                let body_offset = split.body_offset;
                let page = &mut site.pages[i];
                page.file = file.clone();
                page.body_offset = body_offset;
                pages.insert(i);
            } else if let Some(users) = self.includers.get(rel) {
                pages.extend(users.iter().copied());
            } else if crate::discover::extension(rel) == "md"
                && !rel.split('/').any(|s| s == "includes")
            {
                // A fragment nobody included before may now be a page, or the reverse.
                return None;
            }
            site.content.files.insert(rel.clone(), file);
        }
        Some(pages.into_iter().collect())
    }

    fn rerender(
        &mut self,
        opts: &Options,
        files: &BTreeSet<String>,
        pages: &[usize],
    ) -> (Vec<String>, Vec<OverlayItem>, String) {
        let outcome = &mut self.outcome;
        let sink = InPlace {
            root: outcome.site.config.out_dir.clone(),
        };
        // Copied assets (an edited image) go straight to the output.
        for rel in files {
            if outcome.site.content.assets.contains(rel) {
                let _ = sink.copy(rel, &outcome.site.config.content_dir.join(rel));
            }
        }
        let results = render::render_pages(
            &outcome.site,
            &outcome.theme,
            &sink,
            pages,
            outcome.report.license,
        );
        let mut fresh: Vec<Diagnostic> = Vec::new();
        for (facts, diags) in results {
            let i = facts.page;
            fresh.extend(diags);
            if let Some(slot) = outcome.report.pages.iter_mut().find(|f| f.page == i) {
                *slot = facts;
            }
        }
        let touched: Vec<usize> = pages.to_vec();
        let facts: Vec<render::PageFacts> = outcome
            .report
            .pages
            .iter()
            .filter(|f| touched.contains(&f.page))
            .cloned()
            .collect();
        let mut all_checked = crate::check::run_links(&outcome.site, &outcome.report.pages, &facts);
        fresh.append(&mut all_checked);
        if opts.strict {
            diag::make_strict(&mut fresh);
        }
        // Replace the diagnostics of the files that were saved and the pages rendered.
        let mut affected: BTreeSet<String> = files.clone();
        for &i in pages {
            affected.insert(outcome.site.pages[i].rel.clone());
        }
        outcome.diagnostics.retain(|d| !affected.contains(&d.file));
        outcome.diagnostics.extend(fresh.iter().cloned());
        diag::normalize(&mut outcome.diagnostics);
        let errors = overlay(
            outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error && affected.contains(&d.file)),
        );
        let changed = pages
            .iter()
            .map(|&i| {
                format!(
                    "{}{}",
                    outcome.site.config.base_path(),
                    outcome.site.pages[i].url
                )
            })
            .chain(
                files
                    .iter()
                    .filter(|r| outcome.site.content.assets.contains(*r))
                    .map(|r| format!("/{r}")),
            )
            .collect();
        let what = files.iter().cloned().collect::<Vec<_>>().join(", ");
        (
            changed,
            errors,
            format!(
                "{what} ({} page{})",
                pages.len(),
                if pages.len() == 1 { "" } else { "s" }
            ),
        )
    }
}

fn overlay<'a>(diags: impl Iterator<Item = &'a Diagnostic>) -> Vec<OverlayItem> {
    diags
        .take(50)
        .map(|d| OverlayItem {
            location: d.location(),
            severity: d.severity.as_str(),
            code: d.code,
            message: d.message.clone(),
        })
        .collect()
}

fn print_diagnostics(diags: &[Diagnostic], min: Severity) {
    let text = diag::format_human(diags, min);
    if !text.is_empty() {
        print!("{text}");
    }
}

/// Writes straight into the served folder, each file replaced atomically (written
/// beside, then renamed) so a browser never reads half a page.
struct InPlace {
    root: PathBuf,
}

impl Sink for InPlace {
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        if rel.split('/').any(|s| s == ".." || s.is_empty()) {
            anyhow::bail!("refusing to write `{rel}` outside the output folder");
        }
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension("helpgen-tmp");
        std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let bytes =
            std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
        self.write(rel, &bytes)
    }
}

/// The script injected into every served HTML page.
const LIVE_RELOAD: &str = include_str!("../templates/static/livereload.js");

fn serve_http(server: tiny_http::Server, out: &Path, hub: &Arc<Hub>) {
    for request in server.incoming_requests() {
        let out = out.to_path_buf();
        let hub = hub.clone();
        std::thread::spawn(move || {
            let _ = respond(request, &out, &hub);
        });
    }
}

fn respond(request: tiny_http::Request, out: &Path, hub: &Hub) -> std::io::Result<()> {
    // One request per connection: a parked long poll must never hold up a page's other
    // requests queued behind it on a kept-alive connection.
    let request = CloseAfter(request);
    respond_to(request, out, hub)
}

/// A request whose response closes the connection.
struct CloseAfter(tiny_http::Request);

impl CloseAfter {
    fn url(&self) -> &str {
        self.0.url()
    }

    fn respond<R: std::io::Read>(self, response: tiny_http::Response<R>) -> std::io::Result<()> {
        self.0
            .respond(response.with_header(header("Connection", "close")))
    }
}

fn respond_to(request: CloseAfter, out: &Path, hub: &Hub) -> std::io::Result<()> {
    let raw = request.url().to_owned();
    let (path, query) = raw.split_once('?').unwrap_or((raw.as_str(), ""));
    let path = crate::path::percent_decode(path);
    if path == "/__helpgen/poll" {
        let seen = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("v="))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        let update = if seen == 0 {
            hub.wait(u64::MAX, Duration::ZERO)
        } else {
            hub.wait(seen, Duration::from_secs(25))
        };
        let body = serde_json::to_vec(&update).unwrap_or_default();
        return request.respond(
            tiny_http::Response::from_data(body)
                .with_header(header("Content-Type", "application/json"))
                .with_header(header("Cache-Control", "no-store")),
        );
    }
    if path == "/__helpgen/livereload.js" {
        return request.respond(
            tiny_http::Response::from_data(LIVE_RELOAD.as_bytes().to_vec())
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
                .with_header(header("Cache-Control", "no-store")),
        );
    }
    let rel = path.trim_start_matches('/');
    if rel.split('/').any(|s| s == "..") {
        return request.respond(tiny_http::Response::from_string("bad path").with_status_code(400));
    }
    let mut file = out.join(rel);
    if file.is_dir() {
        if !path.ends_with('/') {
            return request.respond(
                tiny_http::Response::from_data(Vec::new())
                    .with_status_code(301)
                    .with_header(header("Location", &format!("{path}/"))),
            );
        }
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        (200, file)
    } else {
        (404, out.join("404.html"))
    };
    let mut bytes = Vec::new();
    if let Ok(mut f) = std::fs::File::open(&file) {
        let _ = f.read_to_end(&mut bytes);
    }
    let content_type = content_type(&file);
    if content_type.starts_with("text/html") {
        bytes = inject(bytes);
    }
    request.respond(
        tiny_http::Response::from_data(bytes)
            .with_status_code(status)
            .with_header(header("Content-Type", content_type))
            .with_header(header("Cache-Control", "no-store")),
    )
}

/// Adds the live-reload script before `</body>`.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=\"/__helpgen/livereload.js\"></script>\n";
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.iter().copied());
    html
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        tiny_http::Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header")
    })
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_ignored() {
        for p in [
            "nl/.a.md.swp",
            "nl/a.md~",
            "nl/#a.md#",
            "nl/4913",
            ".git/x",
            "nl/a.tmp",
        ] {
            assert!(is_scratch(Path::new(p)), "{p}");
        }
        assert!(!is_scratch(Path::new("nl/a.md")));
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = inject(b"<html><body>x</body></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<html><body>x<script src=\"/__helpgen/livereload.js\"></script>\n</body></html>"
        );
        assert!(inject(b"no body".to_vec()).ends_with(b"</script>\n"));
    }

    #[test]
    fn events_are_classified() {
        let watched = Watched {
            content: PathBuf::from("/site/content"),
            theme: vec![PathBuf::from("/site/templates")],
            out: PathBuf::from("/site/public"),
        };
        let ev = |p: &str| notify::Event::new(notify::EventKind::Any).add_path(PathBuf::from(p));
        assert_eq!(
            classify(
                &[
                    ev("/site/content/nl/a.md"),
                    ev("/site/public/nl/a.html"),
                    ev("/site/content/nl/.a.md.swp")
                ],
                &watched
            ),
            vec![Change::Content(
                ["nl/a.md".to_owned()].into_iter().collect()
            )]
        );
        assert_eq!(
            classify(
                &[ev("/site/content/nl/a.md"), ev("/site/templates/page.html")],
                &watched
            ),
            vec![Change::Everything]
        );
        assert_eq!(
            classify(&[ev("/site/templates/.page.html.swp")], &watched),
            vec![]
        );
        // A site below a hidden folder (`/tmp/.tmpXYZ`, `~/.local/…`) still reloads.
        let hidden = Watched {
            content: PathBuf::from("/tmp/.tmp1/content"),
            theme: vec![PathBuf::from("/tmp/.tmp1/templates")],
            out: PathBuf::from("/tmp/.tmp1/public"),
        };
        assert_eq!(
            classify(&[ev("/tmp/.tmp1/content/nl/a.md")], &hidden),
            vec![Change::Content(
                ["nl/a.md".to_owned()].into_iter().collect()
            )]
        );
        assert_eq!(
            classify(&[ev("/tmp/.tmp1/templates/page.html")], &hidden),
            vec![Change::Everything]
        );
    }
}
