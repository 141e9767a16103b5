//! The build cache: one content hash over every input of a build, and what that build
//! reported. `helpgen build` with nothing changed checks the hash and the output, and
//! reports the previous diagnostics without rendering or writing anything.
//!
//! It never serves stale output: any change to a content file, asset, template, locale,
//! license snapshot, option or to the helpgen binary changes the hash; a published file
//! that was modified or removed by hand fails the output check (see `output`).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::build::{Built, Options, Stats, Timings};
use crate::diag::{self, Diagnostic, Severity};
use crate::discover::Content;

/// Bumped when the cache file's shape changes.
const FORMAT: u32 = 1;

/// The hash of everything a build reads.
pub fn key(opts: &Options, content: &Content) -> u64 {
    let mut h = Xxh3::new();
    let mut feed = |label: &str, bytes: &[u8]| {
        h.update(label.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    feed("format", &FORMAT.to_le_bytes());
    feed("version", env!("CARGO_PKG_VERSION").as_bytes());
    // The binary itself: a rebuilt helpgen may render differently.
    if let Ok(exe) = std::env::current_exe()
        && let Ok(m) = std::fs::metadata(exe)
    {
        feed("exe", &m.len().to_le_bytes());
        feed("exe-mtime", &mtime(&m).to_le_bytes());
    }
    feed(
        "options",
        format!("{:?}|{:?}|{}", opts.config, opts.languages, opts.strict).as_bytes(),
    );
    // Each file hashed on its own, in parallel; the key takes the hashes in path order.
    let hashes: Vec<u64> = content
        .files
        .par_iter()
        .map(|(_, file)| xxhash_rust::xxh3::xxh3_64(file.text.as_bytes()))
        .collect();
    for ((rel, _), hash) in content.files.iter().zip(hashes) {
        feed(rel, &hash.to_le_bytes());
    }
    // Assets are copied, not read: their size and modification time stand for them.
    let signatures: Vec<String> = content
        .assets
        .par_iter()
        .map(|rel| {
            std::fs::metadata(content.root.join(rel))
                .map(|m| format!("{}:{}", m.len(), mtime(&m)))
                .unwrap_or_default()
        })
        .collect();
    for (rel, sig) in content.assets.iter().zip(signatures) {
        feed(rel, sig.as_bytes());
    }
    for dir in [
        &opts.config.templates_dir,
        &opts.config.locales_dir,
        &opts.config.license_dir,
    ] {
        for (rel, bytes) in tree(dir) {
            feed(&rel, &bytes);
        }
    }
    h.digest()
}

/// Every file under `dir` (sorted), with its bytes; empty when `dir` does not exist.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file()
            && let Ok(bytes) = std::fs::read(entry.path())
        {
            out.insert(entry.path().to_string_lossy().into_owned(), bytes);
        }
    }
    out
}

fn mtime(m: &std::fs::Metadata) -> i128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

/// The cache file beside the output folder.
fn path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_owned());
    out.with_file_name(format!(".{name}.helpgen-cache"))
}

#[derive(Serialize, Deserialize)]
struct File {
    format: u32,
    key: String,
    pages: usize,
    stats: Stats,
    diagnostics: Vec<StoredDiagnostic>,
}

/// A diagnostic with an owned code, as stored on disk.
#[derive(Serialize, Deserialize)]
struct StoredDiagnostic {
    severity: Severity,
    code: String,
    file: String,
    line: u32,
    column: u32,
    target: Option<String>,
    message: String,
    suggestion: Option<String>,
    group: Option<String>,
}

/// What the previous build reported, when `key` matches it and its output is intact.
pub fn load(out: &Path, key: u64) -> Option<Built> {
    let text = std::fs::read_to_string(path(out)).ok()?;
    let file: File = serde_json::from_str(&text).ok()?;
    if file.format != FORMAT || file.key != format!("{key:016x}") || !crate::output::intact(out) {
        return None;
    }
    let diagnostics: Vec<Diagnostic> = file
        .diagnostics
        .into_iter()
        .map(|d| Diagnostic {
            severity: d.severity,
            code: intern(&d.code),
            file: d.file,
            line: d.line,
            column: d.column,
            target: d.target,
            message: d.message,
            suggestion: d.suggestion,
            group: d.group,
        })
        .collect();
    let summary = diag::summarize(&diagnostics, file.pages);
    Some(Built {
        diagnostics,
        summary,
        stats: file.stats,
        timings: Timings::default(),
        cached: true,
    })
}

/// Records what a build with inputs `key` reported. A cache that cannot be written only
/// costs the next build its shortcut.
pub fn store(out: &Path, key: u64, built: &Built) {
    let file = File {
        format: FORMAT,
        key: format!("{key:016x}"),
        pages: built.summary.pages,
        stats: built.stats,
        diagnostics: built
            .diagnostics
            .iter()
            .map(|d| StoredDiagnostic {
                severity: d.severity,
                code: d.code.to_owned(),
                file: d.file.clone(),
                line: d.line,
                column: d.column,
                target: d.target.clone(),
                message: d.message.clone(),
                suggestion: d.suggestion.clone(),
                group: d.group.clone(),
            })
            .collect(),
    };
    if let Ok(json) = serde_json::to_string(&file) {
        crate::output::replace_file(&path(out), json.as_bytes());
    }
}

/// Diagnostic codes are `&'static str`; codes read back from the cache are the same few
/// strings, interned once per process.
fn intern(code: &str) -> &'static str {
    static CODES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut codes = CODES.lock().unwrap_or_else(|p| p.into_inner());
    let set = codes.get_or_insert_with(HashSet::new);
    if let Some(c) = set.get(code) {
        return c;
    }
    let leaked: &'static str = Box::leak(code.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}
