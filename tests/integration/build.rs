//! `helpgen build` on small fixture sites.

use crate::harness::SiteTest;

#[test]
fn builds_a_two_language_site() {
    let site = SiteTest::from_fixture(
        "//- content/nl/index.md\n---\ntitle: Start\n---\n# Start\n\nZie [licenties](admin/license.md#types).\n\
         //- content/nl/admin/license.md\n---\ntitle: Licenties\ndate: 07.10.2025\n---\n# Licenties\n\n## <a id=\"types\"></a>Types\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\
         //- content/nl/admin/toc.yml\n- name: Licenties\n  href: license.md\n\
         //- content/en/index.md\n---\ntitle: Start\n---\n# Start\n\
         //- content/en/admin/license.md\n---\ntitle: Licenses\n---\n# Licenses\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("built 4 pages"), "{}", run.stdout);
    let html = site.output("nl/admin/license.html");
    assert!(html.contains("<title>Licenties"), "{html}");
    assert!(html.contains("10 juli 2025"));
    assert!(html.contains("hreflang=\"en\""));
    assert!(html.contains("aria-current=\"page\""));
    let index = site.output("nl/index.html");
    assert!(
        index.contains("href=\"admin/license.html#types\""),
        "{index}"
    );
    assert!(site.out_path("sitemap.xml").exists());
    assert!(site.out_path("404.html").exists());
    assert!(site.out_path("_helpgen/helpgen.css").exists());
}
