//! The real SuperOffice corpus (nl, de) from ../shared: it must build as-is.

use crate::harness::{SiteTest, corpus};

#[test]
fn corpus_builds_every_page() {
    let Some(corpus) = corpus() else { return };
    let site = SiteTest::from_fixture("");
    let out = site.root().join("public");
    let run = site.run(&[
        "build",
        "--content",
        corpus.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // Real broken links (to an en/ tree the corpus lacks) make it exit 1, never 2.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let summary = run
        .stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("built "))
        .unwrap();
    assert!(summary.contains("in 2 languages"), "{summary}");

    let nl = site.output("nl/admin/license/index.html");
    assert!(nl.contains("<title>SuperOffice en licenties"), "title");
    assert!(nl.contains("<table>"), "tables");
    assert!(nl.contains("<ol>") || nl.contains("<ul>"), "lists");
    // The sidebar comes from nl/admin/license/toc.yml, with the page marked current.
    assert!(
        nl.contains("<a href=\"crm-suite.html\">CRM Suite-plannen</a>"),
        "sidebar"
    );
    assert!(
        nl.contains("href=\"index.html\" aria-current=\"page\">Inleiding</a>"),
        "current page"
    );
    // Its language pair is the German page.
    assert!(
        nl.contains("hreflang=\"de\" href=\"../../../de/admin/license/index.html\""),
        "hreflang"
    );
    let de = site.output("de/admin/license/index.html");
    assert!(de.contains("hreflang=\"nl\""));
    // The UTF-16 page (a redirect_url stub) decodes.
    let ext = site.output("de/request/learn/external-document.html");
    assert!(
        ext.contains("https://docs.superoffice.com/de/knowledge-base/learn/external-document.html"),
        "UTF-16 page: {ext}"
    );
    // A redirect_url stub and a redirect_from stub exist.
    assert!(
        site.output("nl/admin/license/learn/screen/index.html")
            .contains("http-equiv=\"refresh\"")
    );
}
