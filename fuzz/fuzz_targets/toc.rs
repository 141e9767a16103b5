//! Navigation: `toc.yml` parsing, nesting of tocs (`href: sub/toc.yml`, `href: sub/`,
//! cycles), and the sidebar, breadcrumbs and previous/next links rendered from them. The
//! input is up to three tocs separated by NUL characters: `nl/toc.yml`,
//! `nl/sub/toc.yml` and `nl/sub/deep/toc.yml`; a few pages exist for them to point at.
//! Each toc's text is also read by the fast block reader, which must agree with YAML.

#![no_main]

mod common;

use helpgen::model::toc;
use helpgen::source::SourceFile;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 3] = ["nl/toc.yml", "nl/sub/toc.yml", "nl/sub/deep/toc.yml"];

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let parts = common::parts(&text, NAMES.len());
    for (name, text) in NAMES.iter().zip(&parts) {
        // The fast block reader answers as YAML does, or not at all.
        helpgen::yaml::assert_simple_block_agrees(text);
        let _ = toc::parse(&SourceFile::new(*name, *text));
    }
    let mut files: Vec<(&str, &str)> = NAMES.iter().copied().zip(parts.iter().copied()).collect();
    files.extend([
        ("nl/index.md", "---\nuid: home\n---\n# Home\n"),
        ("nl/a.md", "# A\n\n[B](sub/b.md#x)\n"),
        ("nl/sub/b.md", "---\nuid: b\ntitle: B\n---\n## X\n"),
        ("nl/sub/deep/c.md", "# C\n"),
    ]);
    let site = common::site(&files);
    for tree in site.tocs.trees.values() {
        let flat = toc::flatten(tree);
        let _ = toc::positions(&flat);
    }
    common::render_and_check(&site);
});
