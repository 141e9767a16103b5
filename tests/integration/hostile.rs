//! Hostile input: every case builds a site with the real binary and checks that it ends
//! with the right exit code, a diagnostic naming the file, in bounded time and memory, and
//! that nothing outside `--out` changed (helpgen's own `.out.helpgen-*` bookkeeping beside
//! it excepted). The in-memory variants of some cases are unit tests beside the code they
//! guard (`markdown::include`, `model::toc`, `yaml`, `output`).

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::SiteTest;

/// CPU time and peak memory a hostile build may use.
#[derive(Clone, Copy)]
struct Limits {
    cpu: Duration,
    rss_mb: i64,
}

/// The bound of every case but the 20 MB page (a debug build; release is ten times faster).
const LIMITS: Limits = Limits {
    cpu: Duration::from_secs(10),
    rss_mb: 1024,
};

/// A build's result, with what it cost.
#[derive(Debug)]
struct Build {
    code: i32,
    /// Diagnostics (stdout) and errors and the summary (stderr).
    text: String,
    cpu: Duration,
    wall: Duration,
    max_rss_mb: i64,
}

impl Build {
    /// Asserts the exit code and that `file` is named by a diagnostic with `code`.
    #[track_caller]
    fn expect(&self, exit: i32, file: &str, code: &str) {
        assert_eq!(self.code, exit, "{}", self.text);
        let named = self
            .text
            .lines()
            .any(|l| l.trim_start().starts_with(file) && l.contains(&format!("[{code}]")));
        assert!(named, "no {code} diagnostic naming {file}:\n{}", self.text);
    }
}

/// Every file and symlink under `root` with its content (or link target), except the
/// output folder `out` and helpgen's bookkeeping beside it.
fn listing(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel == "out" || rel.starts_with(".out.helpgen-") {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(rel, target.to_string_lossy().as_bytes().to_vec());
            } else if meta.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Runs `helpgen build --out out` (plus `args`) in the site, measuring the child's CPU
/// time and peak memory, and asserts the time and memory bounds and that nothing outside
/// `out/` changed.
fn build(site: &SiteTest, args: &[&str]) -> Build {
    build_within(site, args, LIMITS)
}

#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also reports its CPU time and memory"
)]
fn build_within(site: &SiteTest, args: &[&str], limits: Limits) -> Build {
    let before = listing(site.root());
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_helpgen"))
        .args(["build", "--out", "out"])
        .args(args)
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = pipe.read_to_string(&mut s);
            s
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of the plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let wall = started.elapsed();
    // Diagnostics go to stdout, errors and the summary to stderr: one text for the checks.
    let text = stdout.join().unwrap() + &stderr.join().unwrap();
    let text = text.replace(&*site.root().to_string_lossy(), "[ROOT]");
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let b = Build {
        code: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
        text,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        wall,
        max_rss_mb: usage.ru_maxrss / 1024,
    };
    eprintln!(
        "exit {}, {:.2} s CPU, {:.2} s wall, {} MB",
        b.code,
        b.cpu.as_secs_f64(),
        b.wall.as_secs_f64(),
        b.max_rss_mb
    );
    assert!(!b.text.contains("panicked"), "{}", b.text);
    assert!(
        b.cpu < limits.cpu,
        "took {:?} of CPU ({:?} wall)",
        b.cpu,
        b.wall
    );
    assert!(b.max_rss_mb < limits.rss_mb, "used {} MB", b.max_rss_mb);
    let after = listing(site.root());
    let changed: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(changed.is_empty(), "written outside --out: {changed:?}");
    b
}

fn write(site: &SiteTest, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = site.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn output(site: &SiteTest, rel: &str) -> String {
    let p = site.root().join("out").join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn include_cycles_fan_out_and_paths_above_the_root() {
    let site = SiteTest::from_fixture(
        "//- content/en/index.md\n# Home\n\n[!include[a](includes/a.md)]\n\n[!include[up](../../outside/secret.md)]\n\n[!include[abs](~/../outside/secret.md)]\n\n[!include[f](includes/f0.md)]\n\
         //- content/en/includes/a.md\nA [!include[b](b.md)]\n\
         //- content/en/includes/b.md\n[!include[a](a.md)]\n\
         //- outside/secret.md\nTOP SECRET\n",
    );
    // Each file includes the next one twice: 2^30 expansions without the page budget.
    for i in 0..30 {
        let next = format!("[!include[n](f{}.md)]", i + 1);
        write(
            &site,
            &format!("content/en/includes/f{i}.md"),
            format!("{i}\n\n{next}\n\n{next}\n"),
        );
    }
    write(&site, "content/en/includes/f30.md", "leaf\n");
    let b = build(&site, &[]);
    b.expect(1, "en/includes/b.md:1:1", "include-cycle");
    assert!(
        b.text
            .contains("en/index.md → en/includes/a.md → en/includes/b.md → en/includes/a.md"),
        "{}",
        b.text
    );
    b.expect(1, "en/index.md:5:1", "missing-include");
    assert!(b.text.contains("climbs above the content root"));
    b.expect(1, "en/index.md:7:1", "missing-include");
    b.expect(1, "en/includes/f", "include-limit");
    assert!(!output(&site, "en/index.html").contains("TOP SECRET"));
}

#[test]
fn symlinks_outside_the_root_and_symlink_loops() {
    use std::os::unix::fs::symlink;
    let site = SiteTest::from_fixture(
        "//- content/en/index.md\n# Home\n\n[s](secret.md) ![i](media/outside.png)\n\n[!include[s](secret.md)]\n\
         //- content/en/inside.md\n# Inside\n\
         //- outside/secret.md\nTOP SECRET\n\
         //- outside/dir/page.md\nTOP SECRET DIR\n\
         //- outside/outside.png\nPNG SECRET\n",
    );
    let c = site.root().join("content/en");
    std::fs::create_dir_all(c.join("media")).unwrap();
    symlink("../../outside/secret.md", c.join("secret.md")).unwrap();
    symlink("../../outside/dir", c.join("dir")).unwrap();
    symlink("../../../outside/outside.png", c.join("media/outside.png")).unwrap();
    symlink("/etc/passwd", c.join("passwd.md")).unwrap();
    symlink(".", c.join("self")).unwrap();
    symlink("loop-b", c.join("loop-a")).unwrap();
    symlink("loop-a", c.join("loop-b")).unwrap();
    symlink("inside.md", c.join("alias.md")).unwrap();
    let b = build(&site, &[]);
    for file in [
        "en/secret.md",
        "en/dir",
        "en/media/outside.png",
        "en/passwd.md",
        "en/loop-a",
        "en/loop-b",
    ] {
        b.expect(1, file, "symlink");
    }
    b.expect(1, "en/self", "symlink");
    assert!(
        b.text.contains("points outside the content root"),
        "{}",
        b.text
    );
    // A symlink to a file inside the root is an ordinary page.
    assert!(output(&site, "en/alias.html").contains("Inside"));
    let out = listing(&site.root().join("out"));
    for (rel, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("SECRET"), "{rel} holds a file from outside");
        assert!(!text.contains("root:x:0"), "{rel} holds /etc/passwd");
    }
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = SiteTest::from_fixture("//- content/en/index.md\n# Home\n");
    write(
        &site,
        "content/en/bad.md",
        b"# Bad\n\nLatin-1: caf\xe9 \xff\xfe\n",
    );
    write(
        &site,
        "content/en/toc.yml",
        b"- name: Caf\xe9\n  href: bad.md\n",
    );
    let b = build(&site, &[]);
    b.expect(1, "en/bad.md:3:13", "unreadable-file");
    b.expect(1, "en/toc.yml:1:12", "unreadable-file");
    assert!(b.text.contains("not valid UTF-8"), "{}", b.text);
}

#[test]
fn a_20_mb_page() {
    let site = SiteTest::from_fixture("//- content/en/other.md\n# Other\n\n## Target\n");
    let chunk = "## Section\n\nSome *text* with a [link](other.md#target), `code` and \
                 https://example.com/page here.\n\n- one\n- two **bold**\n\n\
                 ```csharp\nvar x = \"<y>\";\n```\n\n> [!NOTE]\n> A note.\n\n";
    let mut page = String::from("---\ntitle: Big\n---\n# Big\n\n");
    while page.len() < 20 << 20 {
        page.push_str(chunk);
    }
    write(&site, "content/en/big.md", &page);
    // Every construct of the dialect every 150 bytes: time and memory grow linearly with
    // the page, about 1.3 s of CPU (0.15 s in release) and 60 MB per MB in a debug build.
    let limits = Limits {
        cpu: Duration::from_secs(60),
        rss_mb: 2048,
    };
    let b = build_within(&site, &["--verbose"], limits);
    b.expect(0, "en/big.md", "highlight-limit");
    let html = output(&site, "en/big.html");
    assert!(html.len() > 20 << 20);
    assert!(html.contains("<div class=\"NOTE\">"));
}

#[test]
fn nesting_10000_levels_deep() {
    let site = SiteTest::from_fixture("//- content/en/index.md\n# Home\n");
    let depth = 10_000;
    write(
        &site,
        "content/en/lists.md",
        format!("# Lists\n\n{}deepest bullet\n", "- ".repeat(depth)),
    );
    write(
        &site,
        "content/en/ordered.md",
        format!("# Ordered\n\n{}deepest number\n", "1. ".repeat(depth)),
    );
    write(
        &site,
        "content/en/quotes.md",
        format!("# Quotes\n\n{} deepest quote\n", ">".repeat(depth)),
    );
    write(
        &site,
        "content/en/mixed.md",
        format!("# Mixed\n\n{}deepest mix\n", "> - ".repeat(depth / 2)),
    );
    write(
        &site,
        "content/en/brackets.md",
        format!(
            "# Brackets\n\n{}x{}\n\n{}\n",
            "[".repeat(depth),
            "](#brackets)".repeat(depth),
            "*_".repeat(depth)
        ),
    );
    let b = build(&site, &[]);
    assert_eq!(b.code, 0, "{}", b.text);
    for (page, text) in [
        ("lists", "deepest bullet"),
        ("ordered", "deepest number"),
        ("quotes", "deepest quote"),
        ("mixed", "deepest mix"),
    ] {
        assert!(
            output(&site, &format!("en/{page}.html")).contains(text),
            "{page}"
        );
    }
}

#[test]
fn a_toc_that_nests_itself_or_doubles_per_level() {
    let site = SiteTest::from_fixture(
        "//- content/en/index.md\n# Home\n\
         //- content/en/toc.yml\n- name: Home\n  href: index.md\n- name: Me\n  href: toc.yml\n- name: Folder\n  href: ./\n- name: Deep\n  href: t/\n",
    );
    // Each toc below nests the next one twice: 2^30 entries without the bound.
    let mut dir = "content/en/t".to_owned();
    for i in 0..30 {
        write(&site, &format!("{dir}/p.md"), format!("# P{i}\n"));
        write(
            &site,
            &format!("{dir}/toc.yml"),
            format!(
                "- name: P{i}\n  href: p.md\n- name: A\n  href: t/toc.yml\n- name: B\n  href: t/\n"
            ),
        );
        dir.push_str("/t");
    }
    let b = build(&site, &[]);
    b.expect(1, "en/toc.yml:3:3", "toc-cycle");
    b.expect(1, "en/toc.yml:5:3", "toc-cycle");
    b.expect(1, "en/t/", "toc-limit");
    assert!(output(&site, "en/index.html").contains("Home"));
}

#[test]
fn a_hundred_thousand_links_on_one_page() {
    let site = SiteTest::from_fixture("//- content/en/a.md\n# A\n\n## Target\n");
    let mut page = String::from("# Links\n\n");
    for i in 0..100_000 {
        page.push_str(match i % 4 {
            0 => "[a](a.md#target) ",
            1 => "[b](a.md) ",
            2 => "<https://example.com/x> ",
            _ => "[c](#links)\n",
        });
    }
    write(&site, "content/en/links.md", &page);
    let b = build(&site, &[]);
    assert_eq!(b.code, 0, "{}", b.text);
    assert!(output(&site, "en/links.html").matches("<a href=").count() >= 100_000);
    // The same, broken: every link is reported, still in bounded time.
    write(
        &site,
        "content/en/links.md",
        page.replace("a.md#target", "a.md#gone"),
    );
    let b = build(&site, &[]);
    b.expect(1, "en/links.md:3:1", "broken-anchor");
    assert!(
        b.text.contains("25,000 errors"),
        "{}",
        &b.text[b.text.len() - 300..]
    );
}

/// A list of 2,000 strings repeated by 2,000 aliases: a 60 KB file that expands to four
/// million strings; and the classic nested "billion laughs".
fn yaml_bombs() -> (String, String) {
    let leaf = vec!["\"xxxxxxxxxxxxxxxxxxxxxxxx\""; 2000].join(",");
    let wide = format!("a: &a [{leaf}]\nb: [{}]\n", vec!["*a"; 2000].join(","));
    let mut deep = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        deep.push_str(&format!(
            "l{i}: &l{i} [{}]\n",
            vec![format!("*l{}", i - 1); 9].join(",")
        ));
    }
    (wide, deep)
}

#[test]
fn yaml_bombs_in_front_matter_tocs_landing_pages_and_snapshots() {
    let (wide, deep) = yaml_bombs();
    let site = SiteTest::from_fixture("//- content/en/index.md\n# Home\n");
    write(
        &site,
        "content/en/wide.md",
        format!("---\n{wide}title: Wide\n---\n# Wide\n"),
    );
    write(
        &site,
        "content/en/deep.md",
        format!("---\n{deep}title: Deep\n---\n# Deep\n"),
    );
    write(
        &site,
        "content/en/sub/toc.yml",
        format!("{wide}items: *a\n"),
    );
    write(
        &site,
        "content/en/hub/index.yml",
        format!("### YamlMime:Landing\ntitle: Hub\n{wide}"),
    );
    write(
        &site,
        "license/2026-11-27.yaml",
        format!("snapshot: 1\n{wide}"),
    );
    let b = build(&site, &[]);
    b.expect(1, "en/wide.md:2:", "front-matter");
    b.expect(1, "en/deep.md:", "front-matter");
    b.expect(1, "en/sub/toc.yml:", "toc");
    b.expect(1, "en/hub/index.yml:", "landing");
    b.expect(1, "license/2026-11-27.yaml:", "license-snapshot");
    assert!(
        b.text.contains("expands to more than its size allows"),
        "{}",
        b.text
    );
}

#[test]
fn file_names_with_spaces_unicode_and_dots() {
    let site = SiteTest::from_fixture(
        "//- content/en/index.md\n# Home\n\n[s](a%20b.md) [u](ünï%20cødé/ñ.md) [d](a..b.md) [e](x../y.md) [f](<a b.md>)\n\
         //- content/en/a b.md\n# Spaces\n\
         //- content/en/ünï cødé/ñ.md\n# Unicode\n\
         //- content/en/a..b.md\n# Dots\n\
         //- content/en/x../y.md\n# Dotted folder\n\
         //- content/en/toc.yml\n- name: S\n  href: a b.md\n- name: U\n  href: ünï cødé/ñ.md\n- name: D\n  href: x../y.md\n- name: Up\n  href: ../../escape.md\n",
    );
    // Hidden names (starting with a dot, such as `..md`) are not part of the site.
    write(&site, "content/en/..md", "# Hidden\n");
    let b = build(&site, &[]);
    b.expect(1, "en/toc.yml:8:9", "toc-missing-target");
    assert!(
        b.text.contains("climbs above the content root"),
        "{}",
        b.text
    );
    assert!(!b.text.contains("broken-link"), "{}", b.text);
    for (rel, text) in [
        ("en/a b.html", "Spaces"),
        ("en/ünï cødé/ñ.html", "Unicode"),
        ("en/a..b.html", "Dots"),
        ("en/x../y.html", "Dotted folder"),
    ] {
        assert!(output(&site, rel).contains(text), "{rel}");
    }
    let home = output(&site, "en/index.html");
    assert!(home.contains("href=\"a%20b.html\""), "{home}");
    assert!(!site.root().join("out/en/..html").exists());
    assert!(!site.root().join("escape.html").exists());
}

/// Every text field of a REST license response and a system event list holds markup; the
/// YAML form of this check is `license::snapshot_text_is_escaped_everywhere`.
#[test]
fn rest_snapshot_text_is_escaped_everywhere() {
    let s = |what: &str| format!("<script>alert('{what}')</script>");
    let license = serde_json::json!([{
        "Reason": s("reason"), "CanBeActivated": false, "New": null,
        "Current": {
            "CompanyName": s("company"), "SerialNr": s("serial"), "OwnerName": s("owner"),
            "OwnerDescription": s("owner-desc"), "ExpiryDate": "2026-12-01T00:00:00",
            "ProductType": s("type"), "ProductDescription": s("product")
        },
        "ExtendedModuleLicenses": [{
            "New": null,
            "Current": {
                "ModuleName": s("module"), "ModuleDescription": s("module-desc"),
                "ModuleTooltip": format!("\">{}", s("tooltip")), "LicenseType": "UserLicense",
                "NumberOfLicenses": 5, "ExtraFlags": 1, "ExtraInfo": format!("set=user;{}", s("grant")),
                "PrerequisiteModuleName": s("prereq"), "SortOrder": 1, "IsHidden": false
            },
            "NumberOfLicensesInUse": 6, "NumberOfLicensesTotal": 5
        }]
    }]);
    let events = serde_json::json!({"value": [{
        "SystemEventId": 1, "Scope": "All", "Eventkey": s("key"), "Eventmess": s("message"),
        "Registered": "2026-11-27T08:00:00", "Eta": "2026-11-27T10:00:00",
        "ActivatedBy": {"Name": s("by"), "FullName": s("by-full")}
    }]});
    let site = SiteTest::from_fixture("//- content/en/index.md\n# Home\n");
    write(
        &site,
        "license/2026-11-27-license.json",
        license.to_string(),
    );
    write(&site, "license/2026-11-27-events.json", events.to_string());
    let b = build(&site, &[]);
    assert_ne!(b.code, 2, "{}", b.text);
    let html = output(&site, "en/license/index.html");
    let scripts = html.matches("<script").count();
    let theme_scripts = html.matches("<script src=\"../../_helpgen/").count();
    assert_eq!(scripts, theme_scripts, "only the theme's own script tags");
    for what in [
        "company",
        "serial",
        "owner",
        "product",
        "module-desc",
        "message",
    ] {
        assert!(
            html.contains(&format!("&lt;script&gt;alert(&#39;{what}&#39;)")),
            "{what} is shown, escaped"
        );
    }
    assert!(!html.contains("\"><script"), "attributes are escaped");
}
