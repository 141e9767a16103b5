//! The output's security: every HTML page carries the theme's Content-Security-Policy
//! before anything it governs; no page has an inline script or an inline event handler
//! (the policy would block them, and they are what an injection looks like); links to
//! other web sites carry `rel="noopener"`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::SiteTest;

const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
                   script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; ";

/// Every HTML file under `dir`, by relative path.
fn html_files(dir: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The start tags of `html` (`<a href=…>`), comments left out.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |j| &rest[j + 3..]);
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push(&rest[..end]);
        }
        rest = &rest[end..];
    }
    out
}

/// The value of attribute `name` in a start tag, if it has one.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// Attribute names of a start tag (values are quoted, so they never hold a bare ` on…=`).
fn attr_names(tag: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_quote = None;
    let mut word = String::new();
    for c in tag.chars().skip(1) {
        match (in_quote, c) {
            (Some(q), c) if c == q => in_quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => in_quote = Some(c),
            (None, '=') => {
                names.push(word.to_ascii_lowercase());
                word.clear();
            }
            (None, c) if c.is_whitespace() || c == '/' => word.clear(),
            (None, c) => word.push(c),
        }
    }
    names
}

/// Checks every HTML file of the output at `out`; returns the number of external links.
#[track_caller]
fn check_output(out: &Path) -> usize {
    let files = html_files(out);
    assert!(!files.is_empty());
    let mut external = 0;
    for (rel, html) in &files {
        let head_end = html
            .find("</head>")
            .unwrap_or_else(|| panic!("{rel}: no head"));
        let csp = html
            .find(CSP)
            .unwrap_or_else(|| panic!("{rel}: no Content-Security-Policy"));
        assert_eq!(html.matches("Content-Security-Policy").count(), 1, "{rel}");
        for governed in ["<script", "<link", "<style", "<img", "<iframe"] {
            if let Some(i) = html.find(governed) {
                assert!(csp < i, "{rel}: {governed} comes before the policy");
            }
        }
        assert!(csp < head_end, "{rel}: the policy is in the head");
        for tag in tags(html) {
            let names = attr_names(tag);
            let handlers: Vec<&String> = names.iter().filter(|n| n.starts_with("on")).collect();
            assert!(handlers.is_empty(), "{rel}: inline event handler in {tag}");
            if tag.starts_with("<script") {
                assert!(attr(tag, "src").is_some(), "{rel}: inline script {tag}");
            }
            for a in ["href", "src", "action"] {
                let v = attr(tag, a).unwrap_or("").trim_start().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{rel}: {tag}");
            }
            if tag.starts_with("<a ") && attr(tag, "href").is_some_and(helpgen::path::is_web) {
                external += 1;
                assert!(
                    attr(tag, "rel").is_some_and(|r| r.split(' ').any(|w| w == "noopener")),
                    "{rel}: external link without rel=noopener: {tag}"
                );
            }
        }
    }
    external
}

#[test]
fn the_example_site_has_the_policy_and_no_inline_scripts_or_handlers() {
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_helpgen"))
        .args(["build", "--quiet", "--out"])
        .arg(out.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success());
    check_output(out.path());
}

#[test]
fn every_template_and_the_docfx_writer_follow_the_policy() {
    let site = SiteTest::from_fixture(
        "//- content/en/index.md\n---\ntitle: Home\n---\n# Home\n\n\
         [web](https://example.com/a) <https://example.com/b> https://example.com/c \
         [protocol-relative](//cdn.example.com/x) [mail](mailto:a@example.com) [in](other.md)\n\n\
         > [!NOTE]\n> A note with [a link](https://example.com/note).\n\n\
         # [One](#tab/one)\n\nfirst\n\n# [Two](#tab/two)\n\nsecond\n\n---\n\n\
         :::image type=\"content\" source=\"../media/a.svg\" alt-text=\"A\":::\n\n\
         :::video source=\"https://www.youtube.com/embed/x\":::\n\n\
         [!Video https://www.youtube.com/embed/y]\n\n\
         :::row:::\n:::column:::\nleft\n:::column-end:::\n:::row-end:::\n\n\
         | a | b |\n|:--|--:|\n| 1 | 2 |\n\n```csharp\nvar x = 1;\n```\n\n![img](https://example.com/i.png)\n\
         //- content/en/other.md\n---\nredirect_from: /en/old-other\n---\n# Other\n\
         //- content/en/moved.md\n---\nredirect_url: other.md\n---\n\
         //- content/en/hub/index.yml\n### YamlMime:Landing\ntitle: Hub\nsummary: S\n\
         highlightedContent:\n  items:\n  - title: Out\n    itemType: overview\n    url: https://example.com/h\n\
         landingContent:\n- title: Card\n  linkLists:\n  - linkListType: how-to-guide\n    links:\n    \
         - text: In\n      url: ../other.md\n    - text: Out\n      url: https://example.com/l\n\
         //- content/nl/only.md\n# Alleen\n\n[buiten](https://example.com/nl)\n\
         //- content/media/a.svg\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n\
         //- license/2026-11-27.yaml\nsnapshot: 1\ntaken_at: 2026-11-27T09:30:00Z\n\
         customer: {company: \"<script>alert(1)</script>\", serial: \"1\"}\n\
         owners:\n  - name: SUPEROFFICE\n    expiry: 2026-12-10\n    modules:\n      \
         - {name: m, description: \"\\\" onmouseover=\\\"alert(1)\", type: user, total: 5, in_use: 4}\n\
         plan_limits:\n  - {name: projects, used: 87, limit: 100}\n",
    );
    let run = site.run(&["build", "--quiet"]);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    let out = site.root().join("public");
    for made_by in [
        "index.html",            // root.html: the language chooser
        "404.html",              // 404.html
        "en/index.html",         // page.html
        "en/hub/index.html",     // landing.html
        "en/moved.html",         // redirect.html
        "en/old-other.html",     // redirect.html, from redirect_from
        "nl/index.html",         // home.html
        "en/license/index.html", // license.html with its table and charts
    ] {
        assert!(out.join(made_by).is_file(), "{made_by}");
    }
    let external = check_output(&out);
    assert!(external >= 8, "{external} external links checked");
    let index = site.output("en/index.html");
    assert!(
        index.contains("<a href=\"other.html\">in</a>"),
        "internal links stay as they are"
    );
    assert!(index.contains("<a href=\"mailto:a@example.com\">mail</a>"));
    assert!(
        index.contains("style=\"text-align: left;\""),
        "DocFX's alignment attributes stay"
    );
}
