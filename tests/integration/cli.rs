//! Command-line behaviour: usage errors, `render`, `check`, JSON output, quiet/verbose.

use crate::harness::SiteTest;

#[test]
fn missing_content_folder_is_one_sentence_and_exit_2() {
    let site = SiteTest::from_fixture("");
    let run = site.run(&["build", "--content", "nowhere"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim(),
        "error: content folder nowhere does not exist; pass --content DIR or create it"
    );
    let run = site.run(&["build", "--lang", "xx"]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn version_and_help() {
    let site = SiteTest::from_fixture("");
    let run = site.run(&["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("helpgen "), "{}", run.stdout);
    let run = site.run(&["build", "--help"]);
    for flag in [
        "--content",
        "--out",
        "--lang",
        "--base-url",
        "--strict",
        "--format",
        "--pretty-urls",
        "--quiet",
        "--verbose",
    ] {
        assert!(
            run.stdout.contains(flag),
            "{flag} missing from build --help"
        );
    }
    assert_eq!(site.run(&["build", "--format", "xml"]).code, 2);
}

#[test]
fn render_prints_the_body_html() {
    let site = SiteTest::from_fixture(
        "//- content/nl/a.md\n---\ntitle: A\n---\n# A\n\nSee [b](b.md#x).\n//- content/nl/b.md\n# B\n",
    );
    let run = site.run(&["render", "content/nl/a.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "<h1 id=\"a\">A</h1>\n<p>See <a href=\"b.html#x\">b</a>.</p>\n"
    );
    // Relative to the content folder works too.
    assert_eq!(site.run(&["render", "nl/a.md"]).stdout, run.stdout);
    let run = site.run(&["render", "content/nl/zzz.md"]);
    assert_eq!(run.code, 2);
}

#[test]
fn check_writes_nothing_and_reports_json() {
    let site = SiteTest::from_fixture(
        "//- content/nl/a.md\n# A\n\n[gone](gon.md) [anchor](b.md#nope)\n\n![img](missing.png)\n\
         //- content/nl/b.md\n# B\n\n## Yes\n\
         //- content/nl/gone.md\n# Gone\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(!site.out_path("").exists(), "check must not write public/");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let diags = doc["diagnostics"].as_array().unwrap();
    let get = |code: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {doc}"))
    };
    let link = get("broken-link");
    assert_eq!(link["file"], "nl/a.md");
    assert_eq!(
        (link["line"].as_u64(), link["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(link["target"], "gon.md");
    assert_eq!(link["suggestion"], "nl/gone.md");
    assert_eq!(link["severity"], "error");
    assert_eq!(get("broken-anchor")["target"], "b.md#nope");
    assert_eq!(get("missing-image")["line"], 5);
    assert_eq!(doc["summary"]["pages"], 3);
    assert_eq!(doc["summary"]["errors"], 3);
    assert_eq!(doc["summary"]["by_code"]["broken-link"], 1);
}

#[test]
fn strict_turns_warnings_into_errors_and_quiet_prints_errors_only() {
    let site = SiteTest::from_fixture("//- content/nl/a.md\n---\ndate: 01.321.2025\n---\n# A\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("warning[front-matter]"),
        "{}",
        run.stdout
    );
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.stdout, "");
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("error[front-matter]"));
    let run = site.run(&["check", "--verbose"]);
    assert!(
        run.stdout.contains("info") || run.stdout.contains("orphan"),
        "{}",
        run.stdout
    );
}

#[test]
fn init_starts_a_site_that_builds_clean_and_never_overwrites() {
    let site = SiteTest::from_fixture("");
    let run = site.run(&["init", "docs"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("created docs/content/en/index.md"),
        "{}",
        run.stdout
    );
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_helpgen"))
        .args(["build", "--strict"])
        .current_dir(site.root().join("docs"))
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stdout)
    );
    assert!(
        site.root()
            .join("docs/public/en/getting-started.html")
            .exists()
    );
    let again = site.run(&["init", "docs"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}
