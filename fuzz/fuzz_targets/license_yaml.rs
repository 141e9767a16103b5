//! License snapshots in helpgen's own YAML format (schema version 1): read, combined with
//! an earlier snapshot, analysed and written as report.json, CSV and HTML.

#![no_main]

mod common;

use helpgen::license::snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = helpgen::source::decode(data) else {
        return;
    };
    let file = "snapshot.yaml";
    common::license(file, snapshot::parse(file, &text));
});
