//! Landing pages: `index.yml` with `### YamlMime:Landing` (or SubCategory, Category, Hub),
//! parsed, then built as a page of a small site (cards, links rewritten and checked).

#![no_main]

mod common;

use helpgen::model::landing;
use helpgen::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let file = SourceFile::new("nl/index.yml", text.as_str());
    let _ = landing::mime(&file.text);
    if landing::parse(&file).is_err() {
        return;
    }
    // Only files that declare their YamlMime are landing pages of a site.
    let page = match landing::mime(&text) {
        Some(_) => text.clone(),
        None => format!("### YamlMime:Landing\n{text}"),
    };
    let site = common::site(&[
        ("nl/index.yml", page.as_str()),
        ("nl/a.md", "---\nuid: a\n---\n# A\n"),
        ("nl/sub/b.md", "# B\n"),
    ]);
    common::render_and_check(&site);
});
