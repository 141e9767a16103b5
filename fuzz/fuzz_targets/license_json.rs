//! License snapshots in SuperOffice REST JSON (`GET /api/v1/License`, `/License/{owner}`,
//! `/SystemEvent`) and helpgen's snapshot in JSON syntax: read, combined with an earlier
//! snapshot, analysed and written as report.json, CSV and HTML.

#![no_main]

mod common;

use helpgen::license::snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = helpgen::source::decode(data) else {
        return;
    };
    let file = "2026-11-27-license.json";
    // JSON is recognised by its first character; what does not look like JSON is the
    // YAML target's job.
    if !text.trim_start().starts_with(['{', '[']) {
        return;
    }
    common::license(file, snapshot::parse(file, &text));
});
