//! Output: files go into a fresh staging folder beside the output folder, which is then
//! swapped in atomically. A failed or killed build leaves the previous output as it was.
//! With `discover` and `serve`, the only module that touches the file system.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, bail};

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` to `rel` (relative to the output root, `/`-separated).
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// Copies the file at `from` to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()>;
    /// False for a sink that drops everything, so nothing needs rendering into it.
    fn wants_output(&self) -> bool {
        true
    }
}

/// Keeps files in memory (tests, `render`).
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    /// The files written, by path.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.insert(rel.to_owned(), bytes.to_vec());
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let bytes = std::fs::read(from).unwrap_or_default();
        self.write(rel, &bytes)
    }
}

/// Writes into a staging folder that [`Staging::commit`] swaps into place.
///
/// A manifest beside the output remembers, per file, the hash of what was written and
/// the size and modification time it got. A file whose new content has the same hash,
/// and whose published copy was not touched since, is hard-linked from the previous
/// output instead of written again: a rebuild that changes little writes little, and
/// removing the previous output frees almost nothing.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    manifest_path: PathBuf,
    previous: HashMap<String, Entry>,
    current: Mutex<HashMap<String, Entry>>,
    committed: bool,
    /// Removes previous outputs moved aside by earlier builds.
    cleanup: Option<std::thread::JoinHandle<()>>,
}

/// What the manifest knows about one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// xxh3 of the bytes written, or of the copied source's size and mtime.
    signature: u64,
    /// Size of the published file.
    len: u64,
    /// Modification time of the published file, in nanoseconds.
    mtime: i128,
}

impl Staging {
    /// Creates an empty staging folder beside `out` (same file system, so the swap is a
    /// rename). Leftovers of killed builds are removed first.
    pub fn new(out: &Path) -> anyhow::Result<Staging> {
        let out = absolute(out)?;
        let parent = out
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_owned());
        let cleanup = clean_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.helpgen-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove {}", dir.display()))?;
        }
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let manifest_path = parent.join(format!(".{name}.helpgen-manifest"));
        let previous = if out.is_dir() {
            read_manifest(&manifest_path)
        } else {
            HashMap::new()
        };
        Ok(Staging {
            out,
            dir,
            manifest_path,
            previous,
            current: Mutex::new(HashMap::new()),
            committed: false,
            cleanup: Some(cleanup),
        })
    }

    /// Waits until the removal of earlier outputs, which runs in the background, is done.
    pub fn wait_for_cleanup(&mut self) {
        if let Some(h) = self.cleanup.take() {
            let _ = h.join();
        }
    }

    /// Reuses the previous output's copy of `rel` when it carries `signature` and was
    /// not modified since it was published; true when it did.
    fn reuse(&self, rel: &str, path: &Path, signature: u64) -> bool {
        let Some(prev) = self.previous.get(rel) else {
            return false;
        };
        if prev.signature != signature {
            return false;
        }
        let old = self.out.join(rel);
        match std::fs::symlink_metadata(&old) {
            Ok(m) if m.is_file() && m.len() == prev.len && mtime(&m) == prev.mtime => {}
            _ => return false,
        }
        if std::fs::hard_link(&old, path).is_err() {
            return false;
        }
        self.record(rel, *prev);
        true
    }

    fn record(&self, rel: &str, entry: Entry) {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        current.insert(rel.to_owned(), entry);
    }

    fn record_written(&self, rel: &str, path: &Path, signature: u64) {
        if let Ok(m) = std::fs::metadata(path) {
            self.record_file(rel, signature, &m);
        }
    }

    /// Records a file this build wrote, with the size and mtime it got.
    fn record_file(&self, rel: &str, signature: u64, m: &std::fs::Metadata) {
        self.record(
            rel,
            Entry {
                signature,
                len: m.len(),
                mtime: mtime(m),
            },
        );
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the folders of all `files` up front, so parallel writers never race on them.
    pub fn prepare_dirs<'a>(&self, files: impl IntoIterator<Item = &'a str>) -> anyhow::Result<()> {
        let mut dirs: Vec<&str> = files
            .into_iter()
            .filter_map(|f| f.rfind('/').map(|i| &f[..i]))
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        for d in dirs {
            let p = self.dir.join(d);
            std::fs::create_dir_all(&p)
                .with_context(|| format!("cannot create {}", p.display()))?;
        }
        Ok(())
    }

    /// Swaps the staging folder in place of the output folder.
    pub fn commit(mut self) -> anyhow::Result<()> {
        // The manifest goes first: were the process killed right after the swap, entries
        // of files that changed would not match the published files' metadata, so they
        // would simply be written again next time.
        let current = std::mem::take(&mut *self.current.lock().unwrap_or_else(|p| p.into_inner()));
        write_manifest(&self.manifest_path, &current);
        if self.out.exists() {
            if !self.out.is_dir() {
                bail!("output {} exists and is not a folder", self.out.display());
            }
            exchange(&self.dir, &self.out)?;
            // `dir` now holds the previous output. Removing a tree is slow on some file
            // systems (milliseconds per folder), so it is moved aside and removed in the
            // background by the next build.
            move_to_trash(&self.dir);
        } else {
            std::fs::rename(&self.dir, &self.out)
                .with_context(|| format!("cannot move the new output to {}", self.out.display()))?;
        }
        self.committed = true;
        // Leftovers of earlier builds were being removed while this one rendered; wait for
        // that to end, so the process never exits with a folder half removed, and what a
        // finished build leaves beside its output is only its own previous output.
        self.wait_for_cleanup();
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            move_to_trash(&self.dir);
        }
    }
}

const STAGING: &str = "helpgen-staging-";
const TRASH: &str = "helpgen-trash-";

/// Renames a staging folder to a trash name beside it (instant); `clean_leftovers`
/// removes it later.
fn move_to_trash(dir: &Path) {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let Some(i) = name.find(STAGING) else {
        return;
    };
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let trash = dir.with_file_name(format!("{}{TRASH}{}-{n}", &name[..i], std::process::id()));
    if std::fs::rename(dir, &trash).is_err() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.target(rel)?;
        let signature = xxhash_rust::xxh3::xxh3_64(bytes);
        if self.reuse(rel, &path, signature) {
            return Ok(());
        }
        self.fresh(rel, &path);
        let written = match write_file(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                write_file(&path, bytes)
            }
            other => other,
        };
        let m = written.with_context(|| format!("cannot write {}", path.display()))?;
        self.record_file(rel, signature, &m);
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.target(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let source =
            std::fs::metadata(from).with_context(|| format!("cannot read {}", from.display()))?;
        let mut sig = Vec::with_capacity(32);
        sig.extend_from_slice(&source.len().to_le_bytes());
        sig.extend_from_slice(&mtime(&source).to_le_bytes());
        let signature = xxhash_rust::xxh3::xxh3_64(&sig);
        if self.reuse(rel, &path, signature) {
            return Ok(());
        }
        // A copy, not a hard link: editing the published file must never touch the source.
        // std::fs::copy uses copy_file_range, which clones where the file system can.
        self.fresh(rel, &path);
        std::fs::copy(from, &path)
            .with_context(|| format!("cannot copy {} to {}", from.display(), path.display()))?;
        self.record_written(rel, &path, signature);
        Ok(())
    }
}

impl Staging {
    /// The path of `rel` inside the staging folder; refuses anything that would leave it.
    fn target(&self, rel: &str) -> anyhow::Result<PathBuf> {
        let ok = !rel.is_empty()
            && !rel.starts_with('/')
            && !rel.contains('\\')
            && rel
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != "..");
        if !ok {
            bail!("refusing to write `{rel}` outside the output folder");
        }
        Ok(self.dir.join(rel))
    }
}

/// Whether the output folder `out` still holds exactly what the last build published:
/// every file of its manifest present, with the size and modification time it got.
pub fn intact(out: &Path) -> bool {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return false;
    };
    let manifest = read_manifest(&out.with_file_name(format!(".{name}.helpgen-manifest")));
    !manifest.is_empty()
        && manifest.iter().all(|(rel, e)| {
            std::fs::symlink_metadata(out.join(rel))
                .is_ok_and(|m| m.is_file() && m.len() == e.len && mtime(&m) == e.mtime)
        })
}

impl Staging {
    /// Unlinks what this build already wrote at `rel`, so the next write makes a new file.
    /// Two outputs with the same path (a page and an asset both at `nl/a.html`) would
    /// otherwise write through the first one: when that one was hard-linked from the
    /// published output, the write would change the published file in place, and a build
    /// killed then would leave the previous output damaged. The staging folder starts
    /// empty, so a path this build has not recorded holds nothing.
    fn fresh(&self, rel: &str, path: &Path) {
        let written = self
            .current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(rel);
        if written {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Creates `path` with `bytes`; returns its metadata (from the open file, no second lookup).
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<std::fs::Metadata> {
    use std::io::Write as _;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.metadata()
}

fn mtime(m: &std::fs::Metadata) -> i128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i128)
}

/// Reads `signature len mtime path` lines; a damaged manifest is simply ignored.
fn read_manifest(path: &Path) -> HashMap<String, Entry> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    let mut map = HashMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(4, ' ');
        let (Some(sig), Some(len), Some(mtime), Some(rel)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let (Ok(signature), Ok(len), Ok(mtime)) =
            (u64::from_str_radix(sig, 16), len.parse(), mtime.parse())
        {
            map.insert(
                rel.to_owned(),
                Entry {
                    signature,
                    len,
                    mtime,
                },
            );
        }
    }
    map
}

fn write_manifest(path: &Path, entries: &HashMap<String, Entry>) {
    let mut sorted: Vec<(&String, &Entry)> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut text = String::with_capacity(sorted.len() * 64);
    for (rel, e) in sorted {
        if !rel.contains('\n') {
            use std::fmt::Write as _;
            let _ = writeln!(text, "{:016x} {} {} {rel}", e.signature, e.len, e.mtime);
        }
    }
    replace_file(path, text.as_bytes());
}

/// Writes one of helpgen's own files beside the output (manifest, cache) through
/// `<name>.tmp` and a rename, so a build killed while writing leaves the old file whole.
/// Best effort: without the file the next build only does more work.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) {
    // `.public.helpgen-cache.tmp`: `with_extension` would make it `.public.tmp`, outside
    // the `.public.helpgen-*` names that are helpgen's own beside the output.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    if std::fs::write(&tmp, bytes).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()
            .context("cannot read the current folder")?
            .join(p))
    }
}

/// Starts removing, in the background, previous outputs moved aside and staging folders
/// of builds that were killed (their process is gone).
fn clean_leftovers(parent: &Path, name: &str) -> std::thread::JoinHandle<()> {
    let staging = format!(".{name}.{STAGING}");
    let trash = format!(".{name}.{TRASH}");
    let mut doomed = Vec::new();
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let Some(n) = file_name.to_str() else {
                continue;
            };
            let killed = n
                .strip_prefix(&staging)
                .and_then(|p| p.parse::<u32>().ok())
                .is_some_and(|pid| {
                    pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
                });
            if killed || n.starts_with(&trash) {
                doomed.push(entry.path());
            }
        }
    }
    std::thread::spawn(move || {
        for d in doomed {
            let _ = std::fs::remove_dir_all(d);
        }
    })
}

/// Atomically exchanges two folders (Linux `renameat2(RENAME_EXCHANGE)`); elsewhere, two
/// renames with the old output kept until the new one is in place.
fn exchange(a: &Path, b: &Path) -> anyhow::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let ca = CString::new(a.as_os_str().as_bytes()).context("path contains NUL")?;
        let cb = CString::new(b.as_os_str().as_bytes()).context("path contains NUL")?;
        // SAFETY: both are valid NUL-terminated paths; renameat2 reads them only.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
    }
    // Fallback: move the old output aside, the new one in, then let the caller delete.
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside).with_context(|| format!("cannot move {} aside", b.display()))?;
    if let Err(e) = std::fs::rename(a, b) {
        let _ = std::fs::rename(&aside, b);
        return Err(e).with_context(|| format!("cannot move the new output to {}", b.display()));
    }
    std::fs::rename(&aside, a).with_context(|| format!("cannot move {} back", aside.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_swaps_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("nl/a.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("nl/a.html")).unwrap(), b"one");

        let s = Staging::new(&out).unwrap();
        s.write("nl/b.html", b"two").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("nl/a.html")).unwrap(), b"one");
        assert!(!out.join("nl/b.html").exists());

        let mut s = Staging::new(&out).unwrap();
        s.write("x.html", b"three").unwrap();
        s.wait_for_cleanup();
        s.commit().unwrap();
        assert!(!out.join("nl/a.html").exists());
        assert_eq!(std::fs::read(out.join("x.html")).unwrap(), b"three");
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left[1].starts_with(".public.helpgen-trash-"), "{left:?}");
        assert_eq!([&left[0], &left[2]], [".public.helpgen-manifest", "public"]);
        // The next build removes the previous output in the background.
        let mut s = Staging::new(&out).unwrap();
        s.wait_for_cleanup();
        assert!(!dir.path().join(&left[1]).exists());
    }

    #[test]
    fn unchanged_files_are_linked_and_touched_files_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"same").unwrap();
        s.write("b.html", b"old").unwrap();
        s.write("c.html", b"edited later").unwrap();
        s.commit().unwrap();
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let (a, b) = (inode("a.html"), inode("b.html"));
        // Someone edits a published file by hand: it must not survive the next build.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("c.html"), b"edited later").unwrap();
        std::fs::write(out.join("c.html"), b"hand edit!!!").unwrap();

        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"same").unwrap();
        s.write("b.html", b"new").unwrap();
        s.write("c.html", b"edited later").unwrap();
        s.commit().unwrap();
        assert_eq!(inode("a.html"), a, "unchanged file is the same inode");
        assert_ne!(inode("b.html"), b);
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(out.join("c.html")).unwrap(), b"edited later");
    }

    /// Two outputs at one path (a page and an asset both at `nl/a.html`): the second write
    /// must make a new file, not write through the first, which may be a hard link to the
    /// published file. A build killed after that write left the previous output changed.
    #[test]
    fn a_second_write_never_changes_the_published_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"published").unwrap();
        s.commit().unwrap();

        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"published").unwrap(); // hard-linked from the output
        s.write("a.html", b"replaced!").unwrap();
        let asset = dir.path().join("asset.html");
        std::fs::write(&asset, b"an asset").unwrap();
        s.copy("a.html", &asset).unwrap();
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"published");
        drop(s); // as if the build was killed here
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"published");
    }

    #[test]
    fn refuses_paths_outside() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staging::new(&dir.path().join("public")).unwrap();
        assert!(s.write("../escape.html", b"x").is_err());
        assert!(s.write("/etc/x", b"x").is_err());
        assert!(s.write("a//b", b"x").is_err());
    }
}
