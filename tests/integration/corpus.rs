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
    // DocFX Markdown on a real page: alerts, a tab group, a video and a block include
    // inside a numbered step (nl/admin/user-management/add-associate.md).
    let page = site.output("nl/admin/user-management/add-associate.html");
    assert!(
        page.contains("<div class=\"NOTE\">\n<h5>Opmerking</h5>"),
        "alert"
    );
    assert!(
        page.contains("<div class=\"tabGroup\" id=\"tabgroup_1\">"),
        "tab group"
    );
    assert!(
        page.contains("data-tab=\"license\" tabindex=\"-1\">Het tabblad Licenties</a>"),
        "second tab"
    );
    assert!(
        page.contains("<section id=\"tabpanel_1_license\" role=\"tabpanel\" data-tab=\"license\" aria-hidden=\"true\" hidden=\"hidden\">"),
        "hidden panel"
    );
    assert!(
        page.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/oLlfTrCAqCU\""),
        "video"
    );
    assert!(
        page.contains("<strong>Gebruikers</strong> in de Navigator.</p>\n</li>"),
        "include in a list item"
    );
    assert!(!page.contains("[!include"), "no include left unexpanded");
    assert!(
        !page.contains("[!NOTE]") && !page.contains("[!TIP]"),
        "no alert left as text"
    );
    // A Category landing page: title, summary, highlighted items and conceptual cards,
    // their links rewritten like page links.
    let learn = site.output("nl/learn/index.html");
    assert!(learn.contains("<h1>Welkom</h1>"), "landing title");
    assert!(
        learn.contains("<p class=\"summary\">Klaar om"),
        "landing summary"
    );
    assert!(
        learn.contains("<li><a href=\"../diary/learn/index.html\">"),
        "highlighted item"
    );
    assert!(
        learn.contains("<h2>Aan de slag</h2>")
            && learn.contains("<li><a href=\"getting-started/login.html\">Inleiding</a></li>"),
        "card with rewritten links"
    );
    // No false diagnostics about the DocFX dialect: includes resolve (only those whose
    // target lies outside the corpus are missing), and tab anchors are link targets.
    let json = site.run(&[
        "check",
        "--content",
        corpus.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let diags: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let list = diags
        .get("diagnostics")
        .and_then(|d| d.as_array())
        .or_else(|| diags.as_array())
        .unwrap();
    for d in list {
        let code = d["code"].as_str().unwrap_or("");
        let message = d["message"].as_str().unwrap_or("");
        assert!(
            !message.contains("include fragment"),
            "include fragments are not links: {d}"
        );
        if code == "missing-include" {
            assert!(message.contains("climbs above the content root"), "{d}");
        }
        assert!(
            !code.starts_with("invalid-") && code != "include-cycle",
            "no DocFX syntax complaints on the corpus: {d}"
        );
        assert!(
            !(code == "broken-anchor" && d["target"].as_str().unwrap_or("").contains("#tab/")),
            "tab anchors resolve: {d}"
        );
    }
    // A redirect_url stub and a redirect_from stub exist.
    assert!(
        site.output("nl/admin/license/learn/screen/index.html")
            .contains("http-equiv=\"refresh\"")
    );
}
