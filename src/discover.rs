//! Discovery: walk the content root and read every text file the build needs.
//!
//! Together with `output` and `serve` this is the only module that touches the file
//! system for input. Everything after it works on the in-memory [`Content`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, bail};

use crate::config::{BUILTIN_LANGUAGES, Config};
use crate::diag::Diagnostic;
use crate::source::{SourceFile, decode};

/// Text files read per job while the content is walked.
const READ_BATCH: usize = 64;

/// File extensions read as text: pages, navigation, landing pages and code snippet sources.
const TEXT_EXTENSIONS: &[&str] = &[
    "md",
    "markdown",
    "yml",
    "yaml",
    "txt",
    "json",
    "cs",
    "csx",
    "vb",
    "fs",
    "js",
    "mjs",
    "ts",
    "tsx",
    "jsx",
    "xml",
    "xaml",
    "config",
    "html",
    "htm",
    "css",
    "sql",
    "ps1",
    "psm1",
    "sh",
    "bash",
    "py",
    "java",
    "kt",
    "go",
    "rs",
    "c",
    "h",
    "cpp",
    "hpp",
    "php",
    "rb",
    "crmscript",
    "ipynb",
    "csproj",
    "http",
    "ini",
    "toml",
];

/// Files that are navigation or pages and therefore never copied as assets.
fn is_source_only(rel: &str) -> bool {
    let ext = extension(rel);
    matches!(ext, "md" | "markdown" | "yml" | "yaml")
}

/// Everything the build reads from the content root.
#[derive(Debug, Default)]
pub struct Content {
    /// Absolute-or-given path of the content root.
    pub root: PathBuf,
    /// Language folders found (and requested), in switcher order.
    pub languages: Vec<String>,
    /// Text files by path relative to the root.
    pub files: BTreeMap<String, Arc<SourceFile>>,
    /// Files copied to the output as-is, by path relative to the root.
    pub assets: BTreeSet<String>,
    /// Files that could not be read or decoded.
    pub diagnostics: Vec<Diagnostic>,
}

impl Content {
    /// Builds a content set from in-memory files (tests, `render` of fixtures).
    pub fn from_memory<'a>(
        languages: &[&str],
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Content {
        let mut content = Content {
            languages: languages.iter().map(|s| s.to_string()).collect(),
            ..Content::default()
        };
        for (rel, text) in files {
            let text = decode(text.as_bytes()).unwrap_or_else(|_| text.to_owned());
            if !is_source_only(rel) {
                content.assets.insert(rel.to_owned());
            }
            content
                .files
                .insert(rel.to_owned(), Arc::new(SourceFile::new(rel, text)));
        }
        content
    }

    /// The language a path belongs to: its first segment when that is a language folder.
    pub fn lang_of<'a>(&self, rel: &'a str) -> Option<&'a str> {
        let first = rel.split('/').next()?;
        self.languages.iter().any(|l| l == first).then_some(first)
    }

    /// Whether `rel` names a file or folder of the content.
    pub fn exists(&self, rel: &str) -> bool {
        self.files.contains_key(rel) || self.assets.contains(rel) || self.is_dir(rel)
    }

    /// Whether `rel` is a folder holding any discovered file.
    pub fn is_dir(&self, rel: &str) -> bool {
        let rel = rel.trim_end_matches('/');
        if rel.is_empty() {
            return true;
        }
        let prefix = format!("{rel}/");
        let in_set = |set: &BTreeSet<String>| {
            set.range(prefix.clone()..)
                .next()
                .is_some_and(|k| k.starts_with(&prefix))
        };
        self.files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
            || in_set(&self.assets)
    }
}

/// Walks `config.content_dir`, keeping the languages in `only` (all when empty).
pub fn discover(config: &Config, only: &[String]) -> anyhow::Result<Content> {
    let root = &config.content_dir;
    let meta = std::fs::metadata(root);
    match meta {
        Ok(m) if m.is_dir() => {}
        Ok(_) => bail!("content folder {} is not a folder", root.display()),
        Err(_) => bail!(
            "content folder {} does not exist; pass --content DIR or create it",
            root.display()
        ),
    }
    let canonical_root = root
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", root.display()))?;

    let known: Vec<&str> = if config.languages.is_empty() {
        BUILTIN_LANGUAGES.to_vec()
    } else {
        config.languages.iter().map(String::as_str).collect()
    };
    let mut languages: Vec<String> = Vec::new();
    let mut other_top: BTreeSet<String> = BTreeSet::new();
    for entry in
        std::fs::read_dir(root).with_context(|| format!("cannot list {}", root.display()))?
    {
        let entry = entry.with_context(|| format!("cannot list {}", root.display()))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if !entry.path().is_dir() || name.starts_with('.') {
            continue;
        }
        if known.contains(&name.as_str()) {
            languages.push(name);
        } else {
            other_top.insert(name);
        }
    }
    languages.sort_by_key(|l| known.iter().position(|k| k == l));
    let skipped: Vec<String> = languages
        .iter()
        .filter(|l| !only.is_empty() && !only.contains(l))
        .cloned()
        .collect();
    if !only.is_empty() {
        for wanted in only {
            if !languages.contains(wanted) {
                bail!(
                    "language `{wanted}` has no folder in {} (found: {})",
                    root.display(),
                    if languages.is_empty() {
                        "none".to_owned()
                    } else {
                        languages.join(", ")
                    }
                );
            }
        }
        languages.retain(|l| only.contains(l));
    }

    let mut content = Content {
        root: root.clone(),
        languages,
        ..Content::default()
    };
    // Text files are read while the walk goes on, in batches on the worker threads; the
    // batches are put back in walk order afterwards.
    let batches: Mutex<Vec<(usize, Vec<Read>)>> = Mutex::default();
    let read_batch = |n: usize, batch: Vec<(String, PathBuf)>| {
        let read = batch
            .iter()
            .map(|(rel, path)| read_text(rel, path))
            .collect();
        batches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((n, read));
    };
    rayon::scope(|scope| {
        let mut to_read: Vec<(String, PathBuf)> = Vec::new();
        let mut batch_count = 0;
        let walker = walkdir::WalkDir::new(root)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !e.file_name().to_str().is_some_and(|n| n.starts_with('.')));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let rel = e
                        .path()
                        .and_then(|p| p.strip_prefix(root).ok())
                        .map(|p| p.to_string_lossy().replace('\\', "/"))
                        .unwrap_or_default();
                    content.diagnostics.push(Diagnostic::error(
                        "unreadable-file",
                        rel,
                        (0, 0),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let path = entry.path();
            let Ok(rel_path) = path.strip_prefix(root) else {
                continue;
            };
            let Some(rel) = rel_path.to_str().map(|s| s.replace('\\', "/")) else {
                content.diagnostics.push(Diagnostic::warning(
                    "unreadable-file",
                    rel_path.to_string_lossy().replace('\\', "/"),
                    (0, 0),
                    "the file name is not valid UTF-8; rename it (skipped)",
                ));
                continue;
            };
            let top = rel.split('/').next().unwrap_or("");
            if skipped.iter().any(|l| l == top) {
                continue;
            }
            let mut file_type = entry.file_type();
            if file_type.is_symlink() {
                match path.canonicalize() {
                    Ok(target) if target.starts_with(&canonical_root) => {
                        file_type = match std::fs::metadata(&target) {
                            Ok(m) => m.file_type(),
                            Err(_) => continue,
                        };
                        if file_type.is_dir() {
                            // Folders behind symlinks are not walked: they could loop.
                            content.diagnostics.push(Diagnostic::warning(
                                "symlink",
                                &rel,
                                (0, 0),
                                "symlinked folders are not followed; copy the folder instead (skipped)",
                            ));
                            continue;
                        }
                    }
                    _ => {
                        content.diagnostics.push(Diagnostic::warning(
                            "symlink",
                            &rel,
                            (0, 0),
                            "the symlink points outside the content root or nowhere (skipped)",
                        ));
                        continue;
                    }
                }
            }
            if !file_type.is_file() {
                continue;
            }
            let in_language = content.languages.iter().any(|l| l == top) && rel.contains('/');
            let top_level_file = !rel.contains('/');
            if top_level_file {
                // Top-level files (LICENSE, README, docfx.json) are not part of the site.
                continue;
            }
            let ext = extension(&rel);
            if TEXT_EXTENSIONS.contains(&ext) {
                to_read.push((rel.clone(), path.to_path_buf()));
                if to_read.len() == READ_BATCH {
                    let batch = std::mem::take(&mut to_read);
                    let n = batch_count;
                    batch_count += 1;
                    scope.spawn(move |_| read_batch(n, batch));
                }
            }
            if !is_source_only(&rel) && (in_language || other_top.contains(top)) {
                content.assets.insert(rel);
            }
        }

        read_batch(batch_count, to_read);
    });
    let mut batches = batches
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    batches.sort_unstable_by_key(|(n, _)| *n);
    let mut files = Vec::with_capacity(batches.iter().map(|(_, read)| read.len()).sum());
    for r in batches.into_iter().flat_map(|(_, read)| read) {
        match r {
            Ok(f) => files.push((f.rel.clone(), Arc::new(f))),
            Err(d) => content.diagnostics.push(d),
        }
    }
    // Built in one go (sorted, then filled leaf by leaf): one insertion at a time, on
    // one thread, took longer than reading the files on two.
    content.files = files.into_iter().collect();
    Ok(content)
}

/// A text file read, or why it could not be.
type Read = Result<SourceFile, Diagnostic>;

fn read_text(rel: &str, path: &Path) -> Read {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            "unreadable-file",
            rel,
            (0, 0),
            format!("cannot read the file: {e}"),
        )
    })?;
    match crate::source::decode_owned(bytes) {
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(e) => Err(Diagnostic::error(
            "unreadable-file",
            rel,
            (e.line, e.column),
            e.message,
        )),
    }
}

/// The lower-case extension of a path, without the dot.
pub fn extension(rel: &str) -> &str {
    let name = memchr::memrchr(b'/', rel.as_bytes()).map_or(rel, |i| &rel[i + 1..]);
    match memchr::memrchr(b'.', name.as_bytes()) {
        Some(i) if i > 0 => &name[i + 1..],
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, bytes) in files {
            let path = dir.path().join("content").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        dir
    }

    #[test]
    fn finds_languages_pages_and_assets() {
        let dir = site(&[
            ("nl/a.md", b"# A"),
            ("nl/toc.yml", b"items: []"),
            ("nl/img.png", b"\x89PNG"),
            ("de/a.md", b"# A"),
            ("media/logo.svg", b"<svg/>"),
            ("README.md", b"not part of the site"),
            ("nl/.hidden.md", b"x"),
            ("nl/bad.md", b"\xff\xfe\x00"),
        ]);
        let config = Config::load(None, dir.path()).unwrap();
        let content = discover(&config, &[]).unwrap();
        assert_eq!(content.languages, ["nl", "de"]);
        let files: Vec<&str> = content.files.keys().map(String::as_str).collect();
        assert_eq!(files, ["de/a.md", "nl/a.md", "nl/toc.yml"]);
        let assets: Vec<&str> = content.assets.iter().map(String::as_str).collect();
        assert_eq!(assets, ["media/logo.svg", "nl/img.png"]);
        assert_eq!(content.diagnostics.len(), 1, "{:?}", content.diagnostics);
        assert!(content.is_dir("nl"));
        assert!(!content.is_dir("n"));
    }

    #[test]
    fn files_read_in_batches_are_all_there_with_problems_in_walk_order() {
        // Several read batches, with undecodable files in the first and the last.
        let names: Vec<String> = (0..3 * READ_BATCH + 5)
            .map(|i| format!("nl/p{i:04}.md"))
            .collect();
        let bad = [names[1].clone(), names[3 * READ_BATCH + 3].clone()];
        let files: Vec<(&str, &[u8])> = names
            .iter()
            .map(|n| {
                let bytes: &[u8] = if bad.contains(n) {
                    b"\xff\xfe\x00"
                } else {
                    b"# P"
                };
                (n.as_str(), bytes)
            })
            .collect();
        let dir = site(&files);
        let config = Config::load(None, dir.path()).unwrap();
        let content = discover(&config, &[]).unwrap();
        assert_eq!(content.files.len(), names.len() - 2);
        let problems: Vec<&str> = content
            .diagnostics
            .iter()
            .map(|d| d.file.as_str())
            .collect();
        assert_eq!(problems, bad);
    }

    #[test]
    fn language_filter_and_missing_folders() {
        let dir = site(&[("nl/a.md", b"x"), ("de/a.md", b"x")]);
        let config = Config::load(None, dir.path()).unwrap();
        let content = discover(&config, &["de".into()]).unwrap();
        assert_eq!(content.languages, ["de"]);
        assert!(content.files.keys().all(|k| k.starts_with("de/")));
        assert!(discover(&config, &["sv".into()]).is_err());
        let empty = tempfile::tempdir().unwrap();
        let config = Config::load(None, empty.path()).unwrap();
        let err = discover(&config, &[]).unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
    }
}
