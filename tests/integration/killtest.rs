//! Crash-safe output: real builds of a site of a few thousand pages are killed with
//! SIGKILL at random moments, 50 times in a row. After every kill the published output
//! must be exactly the last complete build (or, when the kill came after the swap, the
//! new one): every file present with identical bytes, nothing else. Every tenth kill, and
//! at the end, a normal build must succeed and leave nothing of the killed builds beside
//! the output.
//!
//! `KILLTEST_SEED=n` replays a run (the seed is printed).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KILLS: usize = 50;
const FOLDERS: usize = 40;
const PAGES_PER_FOLDER: usize = 50;

/// Every file under `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Writes the content of variant `b` (false: A, true: B). Every page shows its folder's
/// toc, whose first entry differs, so a build of the other variant rewrites every page;
/// B also has one page more, so files appear and disappear.
fn write_variant(content: &Path, b: bool) {
    let name = if b { "Variant B" } else { "Variant A" };
    for f in 0..FOLDERS {
        let mut toc = format!("- name: {name}\n  href: ../index.md\n");
        for p in 0..PAGES_PER_FOLDER {
            toc.push_str(&format!("- name: Page {f}.{p}\n  href: p{p}.md\n"));
        }
        std::fs::write(content.join(format!("en/f{f}/toc.yml")), toc).unwrap();
    }
    let extra = content.join("en/extra.md");
    if b {
        std::fs::write(&extra, "# Extra\n\nOnly in variant B.\n").unwrap();
    } else {
        let _ = std::fs::remove_file(&extra);
    }
}

fn site(root: &Path) {
    let content = root.join("content/en");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("index.md"), "# Home\n\nThe start.\n").unwrap();
    for f in 0..FOLDERS {
        let dir = content.join(format!("f{f}"));
        std::fs::create_dir_all(&dir).unwrap();
        for p in 0..PAGES_PER_FOLDER {
            let next = (p + 1) % PAGES_PER_FOLDER;
            let text = format!(
                "---\ntitle: Page {f}.{p}\n---\n# Page {f}.{p}\n\nText of page {p} in folder {f}, \
                 with a [link to the next page](p{next}.md#details).\n\n## Details\n\n\
                 - one\n- two\n\n```csharp\nvar page = {p};\n```\n"
            );
            std::fs::write(dir.join(format!("p{p}.md")), text).unwrap();
        }
    }
}

fn start(root: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_helpgen"))
        .args(["build", "--quiet"])
        .current_dir(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Builds to completion; returns how long it took.
#[track_caller]
fn build(root: &Path) -> Duration {
    let started = Instant::now();
    let status = start(root).wait().unwrap();
    assert!(status.success(), "a normal build fails: {status}");
    started.elapsed()
}

/// What lies beside the output besides it: killed builds' staging folders and
/// previous outputs waiting for removal.
fn beside(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    names.sort();
    names
}

/// After a complete build only its manifest and its own previous output (removed by the
/// next build) may lie beside `public/`.
#[track_caller]
fn assert_cleaned(root: &Path) {
    let left = beside(root);
    let trash = left
        .iter()
        .filter(|n| n.starts_with(".public.helpgen-trash-"))
        .count();
    let other: Vec<&String> = left
        .iter()
        .filter(|n| {
            !matches!(
                n.as_str(),
                ".public.helpgen-manifest" | ".public.helpgen-cache"
            ) && !n.starts_with(".public.helpgen-trash-")
        })
        .collect();
    assert!(
        trash <= 1 && other.is_empty(),
        "left beside the output: {left:?}"
    );
}

/// A small xorshift generator: the kill moments need no more.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn killed_builds_leave_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    let public = root.join("public");

    // The two outputs a build can publish, recorded from complete builds.
    write_variant(&root.join("content"), true);
    build(root);
    let b_files = snapshot(&public);
    write_variant(&root.join("content"), false);
    build(root);
    let a_files = snapshot(&public);
    // The builds killed below change the content and follow a killed build, whose
    // leftovers they remove: time one of that kind.
    write_variant(&root.join("content"), true);
    let mut child = start(root);
    std::thread::sleep(Duration::from_millis(50));
    let _ = child.kill();
    let _ = child.wait();
    let full = build(root);
    assert!(
        snapshot(&public) == b_files,
        "a rebuild of the same content differs"
    );
    write_variant(&root.join("content"), false);
    build(root);
    assert!(a_files.len() > FOLDERS * PAGES_PER_FOLDER);
    assert_ne!(a_files.len(), b_files.len());
    let expected = |b: bool| if b { &b_files } else { &a_files };

    let seed = std::env::var("KILLTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("killtest: seed {seed}, a complete build takes {full:?}");
    let mut rng = Rng(seed);
    // Half the kills land anywhere from the start to a little after a complete build
    // would end, half in its last fifth, where files are written and swapped in.
    let full_us = full.as_micros() as u64;
    let window = full_us * 11 / 10;

    let mut published = false; // variant A
    let (mut before_swap, mut after_swap) = (0, 0);
    let started = Instant::now();
    for kill in 1..=KILLS {
        let target = !published;
        write_variant(&root.join("content"), target);
        let mut child = start(root);
        let delay = Duration::from_micros(if kill % 2 == 0 {
            rng.below(window)
        } else {
            full_us * 8 / 10 + rng.below(window - full_us * 8 / 10)
        });
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot(&public);
        if now == *expected(target) {
            after_swap += 1;
            published = target;
        } else {
            before_swap += 1;
            assert!(
                !finished,
                "kill {kill} (seed {seed}): the build finished ({status}) but did not publish"
            );
            let want = expected(published);
            if now != *want {
                let missing: Vec<&String> = want.keys().filter(|k| !now.contains_key(*k)).collect();
                let changed: Vec<&String> = want
                    .keys()
                    .filter(|k| now.get(*k).is_some_and(|v| v != &want[*k]))
                    .collect();
                let extra: Vec<&String> = now.keys().filter(|k| !want.contains_key(*k)).collect();
                panic!(
                    "kill {kill} after {delay:?} (seed {seed}): the previous output is damaged: \
                     missing {missing:?}, changed {changed:?}, extra {extra:?}"
                );
            }
        }
        if kill % 10 == 0 {
            // A normal build after the kills publishes and sweeps up what they left.
            write_variant(&root.join("content"), !published);
            build(root);
            published = !published;
            assert!(
                snapshot(&public) == *expected(published),
                "kill {kill}: normal build output"
            );
            assert_cleaned(root);
        }
    }
    eprintln!(
        "killtest: {KILLS} kills in {:?} ({before_swap} before the swap, {after_swap} after)",
        started.elapsed()
    );
    assert!(
        before_swap > KILLS / 4,
        "most kills should land inside the build"
    );
}
