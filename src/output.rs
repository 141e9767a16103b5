//! Output: files go into a fresh staging folder beside the output folder, which is then
//! swapped in atomically. A failed or killed build leaves the previous output as it was.
//! With `discover` and `serve`, the only module that touches the file system.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context as _, bail};

/// Where rendered files go.
pub trait Sink: Sync {
    /// Writes `bytes` to `rel` (relative to the output root, `/`-separated).
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// Copies the file at `from` to `rel`.
    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()>;
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
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
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
        clean_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.helpgen-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove {}", dir.display()))?;
        }
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            out,
            dir,
            committed: false,
        })
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
        if self.out.exists() {
            if !self.out.is_dir() {
                bail!("output {} exists and is not a folder", self.out.display());
            }
            exchange(&self.dir, &self.out)?;
            // `dir` now holds the previous output.
            std::fs::remove_dir_all(&self.dir).with_context(|| {
                format!("cannot remove the previous output {}", self.dir.display())
            })?;
        } else {
            std::fs::rename(&self.dir, &self.out)
                .with_context(|| format!("cannot move the new output to {}", self.out.display()))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.target(rel)?;
        match std::fs::write(&path, bytes) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))
            }
            Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
    }

    fn copy(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.target(rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        // A copy, not a hard link: editing the published file must never touch the source.
        // std::fs::copy uses copy_file_range, which clones where the file system can.
        std::fs::copy(from, &path)
            .with_context(|| format!("cannot copy {} to {}", from.display(), path.display()))?;
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

fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()
            .context("cannot read the current folder")?
            .join(p))
    }
}

/// Removes staging folders of builds that were killed (their process is gone).
fn clean_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.helpgen-staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(n) = file_name.to_str() else {
            continue;
        };
        if let Some(pid) = n.strip_prefix(&prefix).and_then(|p| p.parse::<u32>().ok())
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
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

        let s = Staging::new(&out).unwrap();
        s.write("x.html", b"three").unwrap();
        s.commit().unwrap();
        assert!(!out.join("nl/a.html").exists());
        assert_eq!(std::fs::read(out.join("x.html")).unwrap(), b"three");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");
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
