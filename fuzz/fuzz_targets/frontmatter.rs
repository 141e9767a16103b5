//! Front matter: decoding (BOM, UTF-16, CRLF), splitting off the `---` block and reading
//! it into typed front matter. Must never panic, whatever the bytes.

#![no_main]

use helpgen::source::{SourceFile, decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The bytes as a file on disk: decoding is part of reading a page.
    if let Ok(text) = decode(data) {
        let file = SourceFile::new("nl/page.md", text);
        let (fm, split, _diags) = helpgen::frontmatter::parse(&file);
        // The fast reader of plain front matter must agree with YAML wherever it answers.
        if let Some(yaml) = split.yaml {
            helpgen::frontmatter::assert_simple_reader_agrees(yaml);
        }
        assert!(split.body_offset <= file.text.len());
        assert_eq!(&file.text[split.body_offset..], split.body);
        let _ = serde_json::to_string(&fm);
    }
});
