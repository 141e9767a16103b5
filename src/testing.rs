//! What the unit tests share: the corpora they read.

use std::path::{Path, PathBuf};

/// The files of the real corpus beside the project (only CI is sure to have it) and of the
/// example site for which `wanted` holds.
pub(crate) fn corpus_files(wanted: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [real_corpus(), manifest.join("content")]
        .iter()
        .filter(|root| root.is_dir())
        .flat_map(|root| walkdir::WalkDir::new(root).into_iter().flatten())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| wanted(path))
        .collect()
}

/// Whether the real corpus is absent; says so, for the test that skips its assertions.
pub(crate) fn real_corpus_absent() -> bool {
    let root = real_corpus();
    let absent = !root.is_dir();
    if absent {
        println!(
            "skipped the real corpus: {} is absent (only CI has it)",
            root.display()
        );
    }
    absent
}

fn real_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/superoffice-docs")
}
