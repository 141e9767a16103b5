//! The Markdown dialect: pulldown-cmark plus every DocFX pass (includes across three
//! virtual files, tabs, alerts, triple-colon blocks, code snippets, xrefs), with the
//! site's own resolver. The input is up to three files separated by NUL characters:
//! `nl/page.md`, `nl/a.md` and `nl/includes/b.md`.

#![no_main]

mod common;

use std::collections::BTreeMap;

use helpgen::markdown::{self, Ctx, HeadingIds, LinkStyle, Options};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 3] = ["nl/page.md", "nl/a.md", "nl/includes/b.md"];

fuzz_target!(|data: &[u8]| {
    let text = common::text(data);
    let parts = common::parts(&text, NAMES.len());
    let files: Vec<(&str, &str)> = NAMES.iter().copied().zip(parts.iter().copied()).collect();
    let site = common::site(&files);
    let locale = common::theme().locale("nl");
    let Some(page) = site.pages.iter().find(|p| p.rel == "nl/page.md") else {
        return;
    };
    let ctx = Ctx {
        resolve: &site,
        locale,
        page_url: &page.url,
    };
    let body = page.body_offset;
    // What a site build does.
    let r = markdown::render(&ctx, &page.file, body);
    for d in &r.diagnostics {
        assert!(!d.file.is_empty(), "a diagnostic names its file: {d:?}");
    }
    // DocFX's markup stage, as the conformance tests run it.
    let docfx = Options {
        highlight: false,
        source_info: true,
        links: LinkStyle::RebaseIncludes,
        heading_ids: HeadingIds::Markdig,
        header_columns: true,
        notes: BTreeMap::from([("TODO".to_owned(), "todo".to_owned())]),
    };
    let _ = markdown::render_with(&ctx, &docfx, &page.file, body);
    let as_written = Options {
        links: LinkStyle::AsWritten,
        ..Options::default()
    };
    let _ = markdown::render_inline_with(&ctx, &as_written, &page.file, body);
    let _ = markdown::include_refs(&page.file.text);
});
