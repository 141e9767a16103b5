//! The `--fail-on` grammar: every value parses to rules or to an error, and every rule
//! written back (as `license check` prints it) parses to the same rule.

#![no_main]

use helpgen::license::rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Each line is one `--fail-on` value, as if the flag were given several times.
    let values: Vec<String> = text.lines().map(str::to_owned).collect();
    let Ok(parsed) = rules::parse(&values) else {
        return;
    };
    assert!(!parsed.is_empty());
    let written: Vec<String> = parsed.iter().map(ToString::to_string).collect();
    let again = match rules::parse(&[written.join(",")]) {
        Ok(r) => r,
        Err(e) => panic!("{written:?} written back does not parse: {e}"),
    };
    assert_eq!(parsed, again);
});
