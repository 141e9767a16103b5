//! Fixture sites written to temporary folders and built with the real pipeline.

use std::path::{Path, PathBuf};

/// A site in a temporary folder.
pub(crate) struct SiteTest {
    pub(crate) dir: tempfile::TempDir,
}

impl SiteTest {
    /// A site from `//- path` sections: `//- nl/a.md\n# A\n//- nl/toc.yml\n...`.
    pub(crate) fn from_fixture(fixture: &str) -> SiteTest {
        let dir = tempfile::tempdir().unwrap();
        let mut current: Option<(String, String)> = None;
        let flush = |cur: &mut Option<(String, String)>| {
            if let Some((path, text)) = cur.take() {
                let p = dir.path().join(&path);
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, text).unwrap();
            }
        };
        for line in fixture.split_inclusive('\n') {
            if let Some(path) = line.strip_prefix("//- ") {
                flush(&mut current);
                current = Some((path.trim().to_owned(), String::new()));
            } else if let Some((_, text)) = current.as_mut() {
                text.push_str(line);
            }
        }
        flush(&mut current);
        SiteTest { dir }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs the real binary in the site folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_helpgen"))
            .args(args)
            .current_dir(self.root())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout)
                .replace(&*self.root().to_string_lossy(), "[ROOT]"),
            stderr: String::from_utf8_lossy(&out.stderr)
                .replace(&*self.root().to_string_lossy(), "[ROOT]"),
        }
    }

    /// A file of the output, as text.
    pub(crate) fn output(&self, rel: &str) -> String {
        let p = self.root().join("public").join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub(crate) fn out_path(&self, rel: &str) -> PathBuf {
        self.root().join("public").join(rel)
    }
}

/// The result of running the binary.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

/// The `../shared` folder beside the project, when present.
pub(crate) fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.is_dir().then_some(p)
}

/// The real corpus, or `None` after printing why its tests are skipped. Under CI
/// (`HELPGEN_REQUIRE_SHARED=1`) a missing corpus fails instead.
pub(crate) fn corpus() -> Option<PathBuf> {
    match shared().map(|s| s.join("corpus/superoffice-docs")) {
        Some(p) if p.is_dir() => Some(p),
        _ => {
            assert!(
                std::env::var_os("HELPGEN_REQUIRE_SHARED").is_none(),
                "../shared/corpus/superoffice-docs is required (HELPGEN_REQUIRE_SHARED is set)"
            );
            eprintln!("skipped: ../shared/corpus/superoffice-docs is not beside the project");
            None
        }
    }
}

/// The license snapshot examples, or `None` after printing why their tests are skipped.
/// Under CI (`HELPGEN_REQUIRE_SHARED=1`) missing examples fail instead.
pub(crate) fn license_examples() -> Option<PathBuf> {
    match shared().map(|s| s.join("license/examples")) {
        Some(p) if p.is_dir() => Some(p),
        _ => {
            assert!(
                std::env::var_os("HELPGEN_REQUIRE_SHARED").is_none(),
                "../shared/license/examples is required (HELPGEN_REQUIRE_SHARED is set)"
            );
            eprintln!("skipped: ../shared/license/examples is not beside the project");
            None
        }
    }
}
