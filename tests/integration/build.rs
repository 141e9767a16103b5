//! `helpgen build` on small fixture sites: output shape, navigation, languages, errors.

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness::SiteTest;

const TWO_LANGUAGES: &str = "\
//- content/nl/index.md
---
title: Start
---
# Start

Zie [licenties](admin/license.md#types).
//- content/nl/admin/license.md
---
title: Licenties
uid: nl-license
date: 07.10.2025
version: 10.5
redirect_from: /nl/old/licenses
---
# Licenties

## <a id=\"types\"></a>Types

| a | b |
|---|---|
| 1 | 2 |

## Meer

Tekst.
//- content/nl/admin/activate.md
---
title: Activeren
---
# Activeren
//- content/nl/admin/moved.md
---
redirect_url: license.md
---
//- content/nl/admin/toc.yml
- name: Licenties
  href: license.md
- name: Activeren
  href: activate.md
//- content/nl/toc.yml
- name: Start
  href: index.md
- name: Beheer
  href: admin/toc.yml
//- content/en/index.md
---
title: Start
---
# Start
//- content/en/admin/license.md
---
title: Licenses
---
# Licenses
//- content/media/logo.png
PNG
";

#[test]
fn builds_pages_navigation_and_languages() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("built 5 pages (2 redirects) in 2 languages (0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
    let html = site.output("nl/admin/license.html");
    assert!(html.contains("<title>Licenties | Help</title>"), "{html}");
    assert!(html.contains("<time datetime=\"2025-07-10\">10 juli 2025</time>"));
    assert!(html.contains("<dd>10.5</dd>"));
    // Language switcher and alternates: en and nl, nl current.
    assert!(
        html.contains(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"../../en/admin/license.html\">"
        )
    );
    assert!(html.contains("hreflang=\"nl\" lang=\"nl\" aria-current=\"true\""));
    // Sidebar from nl/admin/toc.yml with the current page marked; breadcrumbs through nl/toc.yml.
    assert!(html.contains("<a href=\"license.html\" aria-current=\"page\">Licenties</a>"));
    assert!(html.contains("<a href=\"activate.html\">Activeren</a>"));
    assert!(html.contains("<nav class=\"breadcrumbs\""));
    assert!(
        html.contains("<span>Beheer</span>") || html.contains(">Beheer</"),
        "{html}"
    );
    // On this page, previous/next.
    assert!(html.contains("<a href=\"#types\">Types</a>"));
    assert!(html.contains("rel=\"next\" href=\"activate.html\""));
    // A link rewritten with its anchor.
    assert!(
        site.output("nl/index.html")
            .contains("href=\"admin/license.html#types\"")
    );
    // A page missing in en: the switcher falls back to the default language (en has no
    // activate page, default is en → home), marked as not translated.
    let activate = site.output("nl/admin/activate.html");
    assert!(
        activate.contains("(not translated yet)") || activate.contains("nog niet vertaald"),
        "{activate}"
    );
    // Stubs: redirect_url and redirect_from.
    let moved = site.output("nl/admin/moved.html");
    assert!(
        moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=license.html\">"),
        "{moved}"
    );
    let old = site.output("nl/old/licenses.html");
    assert!(old.contains("url=../admin/license.html"), "{old}");
    assert!(old.contains("<link rel=\"canonical\""));
    // Site files.
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>/nl/admin/license.html</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("hreflang=\"en\" href=\"/en/admin/license.html\""));
    assert!(!sitemap.contains("moved.html"));
    assert!(site.output("404.html").contains("/nl/index.html"));
    assert!(site.output("index.html").contains("href=\"nl/index.html\""));
    assert!(site.out_path("_helpgen/helpgen.css").exists());
    assert_eq!(site.output("media/logo.png"), "PNG\n");
}

#[test]
fn base_url_makes_absolute_canonical_links() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    let run = site.run(&["build", "--base-url", "https://help.example.com/docs"]);
    assert_eq!(run.code, 0, "{run:?}");
    let html = site.output("nl/admin/license.html");
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://help.example.com/docs/nl/admin/license.html\">"
    ));
    assert!(
        html.contains(
            "hreflang=\"en\" href=\"https://help.example.com/docs/en/admin/license.html\""
        )
    );
    assert!(
        site.output("sitemap.xml")
            .contains("<loc>https://help.example.com/docs/nl/index.html</loc>")
    );
    assert!(
        site.output("404.html")
            .contains("href=\"/docs/nl/index.html\"")
    );
}

#[test]
fn pretty_urls_write_folders() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    let run = site.run(&["build", "--pretty-urls"]);
    assert_eq!(run.code, 0, "{run:?}");
    let html = site.output("nl/admin/license/index.html");
    assert!(
        html.contains("href=\"../activate/\">Activeren</a>"),
        "{html}"
    );
    assert!(
        site.output("nl/index.html")
            .contains("href=\"admin/license/#types\"")
    );
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir, dir)
}

fn walk(root: &Path, dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(root, &p));
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.insert(rel, std::fs::read(&p).unwrap());
        }
    }
    out
}

#[test]
fn two_builds_are_byte_identical() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    assert_eq!(site.run(&["build", "--out", "a"]).code, 0);
    assert_eq!(site.run(&["build", "--out", "b"]).code, 0);
    let a = tree(&site.root().join("a"));
    let b = tree(&site.root().join("b"));
    assert!(a.len() > 10);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between builds");
    }
}

#[test]
fn content_errors_are_located_and_other_pages_still_build() {
    let site = SiteTest::from_fixture(
        "//- content/nl/good.md\n# Good\n\
         //- content/nl/bad.md\n---\ntitle: Bad\nkeywords: [unclosed\n---\n# Bad\n\
         //- content/nl/toc.yml\n- name: Good\n  href: good.md\n- name: [broken\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("nl/bad.md:3:"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("error[front-matter]: invalid front matter"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("nl/toc.yml:3:"), "{}", run.stdout);
    assert!(run.stdout.contains("error[toc]"), "{}", run.stdout);
    assert!(
        site.output("nl/good.html")
            .contains("<h1 id=\"good\">Good</h1>")
    );
    assert!(
        site.output("nl/bad.html")
            .contains("<h1 id=\"bad\">Bad</h1>")
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    assert_eq!(site.run(&["build"]).code, 0);
    let before = tree(&site.root().join("public"));
    // A template that does not compile is an operational error: nothing is replaced.
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::fs::write(site.root().join("templates/page.html"), "{% if %}").unwrap();
    std::fs::write(site.root().join("content/nl/new.md"), "# New\n").unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.starts_with("error: template error"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&site.root().join("public")), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn templates_and_locales_override_file_by_file() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    std::fs::create_dir_all(site.root().join("templates/static")).unwrap();
    std::fs::create_dir_all(site.root().join("locales")).unwrap();
    std::fs::write(
        site.root().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block main %}<div class=\"mine\">{{ page.content | safe }}</div>{% endblock main %}",
    )
    .unwrap();
    std::fs::write(site.root().join("templates/static/extra.css"), "body{}").unwrap();
    // The built-in sitemap is written without the engine; a site's own goes through it.
    std::fs::write(
        site.root().join("templates/sitemap.xml"),
        "{% for u in urls %}{{ u.loc }};{% endfor %}",
    )
    .unwrap();
    std::fs::write(
        site.root().join("locales/nl.yml"),
        "skip_to_content: Direct naar de tekst\n",
    )
    .unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let html = site.output("nl/admin/license.html");
    assert!(html.contains("<div class=\"mine\">"), "{html}");
    assert!(html.contains("Direct naar de tekst"));
    assert!(
        html.contains("<footer class=\"site-footer\">"),
        "base.html is still the built-in one"
    );
    assert_eq!(site.output("_helpgen/extra.css"), "body{}");
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("/nl/admin/license.html;") && !sitemap.contains("<urlset"),
        "{sitemap}"
    );
}

#[test]
fn language_filter_builds_only_those_languages() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    let run = site.run(&["build", "--lang", "nl"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("in 1 language "), "{}", run.stdout);
    assert!(site.out_path("nl/index.html").exists());
    assert!(!site.out_path("en").exists());
}

/// The example site's Dutch license page as `helpgen render` prints it: a reviewed
/// snapshot of the whole dialect at work (include, alert, tabs, tables, xrefs, anchors).
#[test]
fn example_page_body_matches_its_snapshot() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_helpgen"))
        .args(["render", "content/nl/admin/license/index.md"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!(
        "example_nl_license_body",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Navigation of a fixture page: sidebar with the current page marked and nested tocs,
/// breadcrumbs through the nesting toc, previous/next.
#[test]
fn navigation_matches_its_snapshot() {
    let site = SiteTest::from_fixture(TWO_LANGUAGES);
    assert_eq!(site.run(&["build"]).code, 0);
    let html = site.output("nl/admin/license.html");
    let between = |from: &str, to: &str| -> String {
        let a = html.find(from).unwrap_or_else(|| panic!("{from}"));
        let b = a + html[a..].find(to).unwrap() + to.len();
        html[a..b].to_owned()
    };
    let nav = [
        between("<nav id=\"sidebar\"", "</nav>"),
        between("<nav class=\"breadcrumbs\"", "</nav>"),
        between("<nav class=\"prev-next\"", "</nav>"),
        between("<aside class=\"on-this-page\"", "</aside>"),
    ]
    .join("\n");
    insta::assert_snapshot!("fixture_navigation", nav);
}

/// A build with nothing changed renders nothing; editing an include, a toc, a template,
/// or a published file must each rebuild, and the output must show the change.
#[test]
fn the_build_cache_never_serves_stale_output() {
    let site = SiteTest::from_fixture(&format!(
        "{TWO_LANGUAGES}//- content/nl/includes/tip.md\nEen tip uit een include.\n"
    ));
    let license = site.root().join("content/nl/admin/license.md");
    let text = std::fs::read_to_string(&license).unwrap();
    std::fs::write(
        &license,
        format!("{text}\n[!include[tip](../includes/tip.md)]\n"),
    )
    .unwrap();
    let unchanged = "(nothing changed since the last build)";

    let first = site.run(&["build"]);
    assert_eq!(first.code, 0, "{first:?}");
    assert!(!first.stdout.contains(unchanged));
    let second = site.run(&["build"]);
    assert!(second.stdout.contains(unchanged), "{}", second.stdout);
    assert_eq!(
        second.stdout.replace(unchanged, "").split(" in ").next(),
        first.stdout.split(" in ").next()
    );

    // An include changes: the page that includes it shows the new text.
    std::fs::write(
        site.root().join("content/nl/includes/tip.md"),
        "Een nieuwe tip.\n",
    )
    .unwrap();
    let run = site.run(&["build"]);
    assert!(!run.stdout.contains(unchanged), "{}", run.stdout);
    assert!(
        site.output("nl/admin/license.html")
            .contains("Een nieuwe tip.")
    );

    // A toc changes: the sidebar shows the new name.
    let toc = site.root().join("content/nl/admin/toc.yml");
    let t = std::fs::read_to_string(&toc).unwrap();
    std::fs::write(
        &toc,
        t.replace("name: Activeren", "name: Licentie activeren"),
    )
    .unwrap();
    let run = site.run(&["build"]);
    assert!(!run.stdout.contains(unchanged), "{}", run.stdout);
    assert!(
        site.output("nl/admin/license.html")
            .contains(">Licentie activeren</a>")
    );
    assert!(site.run(&["build"]).stdout.contains(unchanged));

    // A published file edited or removed by hand is rebuilt.
    std::fs::write(site.out_path("nl/admin/license.html"), "vandalised").unwrap();
    assert!(!site.run(&["build"]).stdout.contains(unchanged));
    assert!(
        site.output("nl/admin/license.html")
            .contains("Een nieuwe tip.")
    );
    std::fs::remove_file(site.out_path("nl/index.html")).unwrap();
    assert!(!site.run(&["build"]).stdout.contains(unchanged));
    assert!(site.out_path("nl/index.html").exists());

    // Options count: another base URL is another site.
    assert!(
        !site
            .run(&["build", "--base-url", "https://x.example/"])
            .stdout
            .contains(unchanged)
    );
    // Diagnostics are reported again from the cache, with the same exit code.
    std::fs::write(
        site.root().join("content/nl/broken.md"),
        "# B\n\n[x](nowhere.md)\n",
    )
    .unwrap();
    let broken = site.run(&["build"]);
    assert_eq!(broken.code, 1);
    let again = site.run(&["build"]);
    assert_eq!(again.code, 1);
    assert!(again.stdout.contains(unchanged), "{}", again.stdout);
    assert!(
        again
            .stdout
            .contains("nl/broken.md:3:1: error[broken-link]"),
        "{}",
        again.stdout
    );
}

/// Sidebar links are relative to the page: pages of one toc in different folders get
/// different hrefs for the same entry (the sidebar is made once per folder and shared),
/// and each marks itself, not its folder neighbour, as current.
#[test]
fn sidebar_links_are_relative_to_each_pages_folder() {
    let site = SiteTest::from_fixture(
        "\
//- content/nl/toc.yml
items:
- name: Een
  href: a.md
- name: Twee
  href: b.md
- name: Sub
  items:
  - name: Drie
    href: sub/c.md
  - name: Vier
    href: sub/d.md
//- content/nl/a.md
# Een
//- content/nl/b.md
# Twee
//- content/nl/sub/c.md
# Drie
//- content/nl/sub/d.md
# Vier
",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let sidebar = |rel: &str| {
        let html = site.output(rel);
        let a = html.find("<nav id=\"sidebar\"").unwrap();
        let b = a + html[a..].find("</nav>").unwrap();
        html[a..b].to_owned()
    };
    let (a, b, c, d) = (
        sidebar("nl/a.html"),
        sidebar("nl/b.html"),
        sidebar("nl/sub/c.html"),
        sidebar("nl/sub/d.html"),
    );
    assert!(
        a.contains("<a href=\"a.html\" aria-current=\"page\">Een</a>"),
        "{a}"
    );
    assert!(a.contains("<a href=\"sub/c.html\">Drie</a>"), "{a}");
    assert!(b.contains("<a href=\"a.html\">Een</a>"), "{b}");
    assert!(
        b.contains("<a href=\"b.html\" aria-current=\"page\">Twee</a>"),
        "{b}"
    );
    assert!(c.contains("<a href=\"../a.html\">Een</a>"), "{c}");
    assert!(
        c.contains("<a href=\"c.html\" aria-current=\"page\">Drie</a>"),
        "{c}"
    );
    assert!(d.contains("<a href=\"c.html\">Drie</a>"), "{d}");
    assert!(
        d.contains("<a href=\"d.html\" aria-current=\"page\">Vier</a>"),
        "{d}"
    );
}
