//! YAML reading for front matter, tocs, landing pages, locales and license snapshots,
//! with a bound on what aliases may expand to.
//!
//! YAML aliases (`*a`) repeat the node their anchor (`&a`) names. yaml_serde stops a
//! chain of nested aliases (the "billion laughs") with its repetition limit, which counts
//! alias jumps, but not a wide one: a list of 2,000 strings repeated by 2,000 aliases is a
//! 60 KB file that becomes four million strings (close to a GB) in a `Value`. Every read
//! therefore first walks the document without keeping anything and gives up when it meets
//! more nodes than the text could hold without aliases, by a wide margin.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};

/// Nodes a document may expand to, on top of a fixed allowance: written out without
/// aliases, a node takes at least one byte of text, so this only stops documents that
/// aliases blow up.
const NODES_PER_BYTE: usize = 2;
/// Nodes any document may have, however short.
const MIN_NODES: usize = 10_000;

/// Reads `text` as a `T`, like `serde_yaml::from_str`, unless its aliases expand it to more
/// than [`NODES_PER_BYTE`] nodes per byte of text (an error at the line where the walk gave
/// up).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    check_expansion(text)?;
    serde_yaml::from_str(text)
}

/// Walks every document of `text` as aliases expand it, keeping nothing; an error when it
/// meets more nodes than the budget allows. Syntax errors are left to the real read.
pub fn check_expansion(text: &str) -> Result<(), serde_yaml::Error> {
    // Without an alias there is nothing to expand: skip the second walk.
    if !text.contains('*') {
        return Ok(());
    }
    let budget = MIN_NODES.saturating_add(text.len().saturating_mul(NODES_PER_BYTE));
    let mut left = budget;
    for document in serde_yaml::Deserializer::from_str(text) {
        match (Budget { left: &mut left }).deserialize(document) {
            Ok(()) => {}
            Err(e) if e.to_string().contains(TOO_LARGE) => return Err(e),
            // Not this walk's business: the real read reports it with its own words.
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

const TOO_LARGE: &str = "the YAML expands to more than";

/// Counts the nodes it visits against `left`.
struct Budget<'a> {
    left: &'a mut usize,
}

impl Budget<'_> {
    fn spend<E: de::Error>(&mut self, cost: usize) -> Result<(), E> {
        match self.left.checked_sub(cost) {
            Some(rest) => {
                *self.left = rest;
                Ok(())
            }
            None => Err(E::custom(format!(
                "{TOO_LARGE} its size allows (aliases that repeat large nodes many times?)"
            ))),
        }
    }

    fn again(&mut self) -> Budget<'_> {
        Budget { left: self.left }
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(mut self, _: bool) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_i64<E: de::Error>(mut self, _: i64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_i128<E: de::Error>(mut self, _: i128) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_u64<E: de::Error>(mut self, _: u64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_u128<E: de::Error>(mut self, _: u128) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_f64<E: de::Error>(mut self, _: f64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_str<E: de::Error>(mut self, s: &str) -> Result<(), E> {
        // A long string repeated by aliases costs its length too.
        self.spend(1 + s.len() / 16)
    }

    fn visit_bytes<E: de::Error>(mut self, b: &[u8]) -> Result<(), E> {
        self.spend(1 + b.len() / 16)
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_none<E: de::Error>(mut self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_some<D: Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        self.spend(1)?;
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        self.spend(1)?;
        self.deserialize(d)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while seq.next_element_seed(self.again())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: de::MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while map.next_key_seed(self.again())?.is_some() {
            map.next_value_seed(self.again())?;
        }
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        // A tagged node (`!tag value`): the tag, then the value.
        self.spend(1)?;
        let ((), variant) = data.variant_seed(self.again())?;
        de::VariantAccess::newtype_variant_seed(variant, self.again())
    }
}

/// A one-line scalar: its text, and whether it was written plain (not quoted).
pub(crate) struct Scalar<'a> {
    pub(crate) text: &'a str,
    pub(crate) plain: bool,
}

impl Scalar<'_> {
    /// Text YAML reads as null when a key's value is optional.
    pub(crate) fn null_like(&self) -> bool {
        matches!(self.text, "" | "~" | "null" | "Null" | "NULL")
    }

    /// Whether YAML reads this as a string whatever the target type: quoted, or plain
    /// text that cannot start a number (no digit, sign or dot first, but for a relative
    /// path) and is no YAML word for null, a boolean or a special float.
    pub(crate) fn text_for_any(&self) -> bool {
        if self.null_like() {
            return false;
        }
        if !self.plain {
            return true;
        }
        let lower = self.text.to_ascii_lowercase();
        // A relative path (`../a.md`, `./a.md`) is no number, `.inf` or `.nan`.
        let path = self.text.starts_with("./") || self.text.starts_with("../");
        (path
            || !self
                .text
                .starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)))
            && !matches!(
                lower.as_str(),
                "null"
                    | "true"
                    | "false"
                    | "yes"
                    | "no"
                    | "on"
                    | "off"
                    | "y"
                    | "n"
                    | "nan"
                    | "inf"
                    | "infinity"
            )
    }
}

/// The lines of `text` as `str::lines` gives them for text without a carriage return, the
/// line feeds found by memchr.
pub(crate) fn lf_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let t = rest?;
        match memchr::memchr(b'\n', t.as_bytes()) {
            Some(i) => {
                rest = t.get(i + 1..).filter(|r| !r.is_empty());
                t.get(..i)
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// A one-line scalar the fast readers can read for sure, or `None`.
pub(crate) fn scalar(v: &str) -> Option<Scalar<'_>> {
    if let Some(inner) = v.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        return (!inner.contains('\'')).then_some(Scalar {
            text: inner,
            plain: false,
        });
    }
    if let Some(inner) = v.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        return (!inner.contains(['"', '\\'])).then_some(Scalar {
            text: inner,
            plain: false,
        });
    }
    let indicator = v.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', ' ',
    ]);
    // `: ` and ` #` (a mapping, a comment) are found from their rarer byte, in place:
    // values are short, and a substring searcher costs more to set up than to run.
    let bytes = v.as_bytes();
    let mapping = memchr::memchr_iter(b':', bytes).any(|i| bytes.get(i + 1) == Some(&b' '));
    let comment = memchr::memchr_iter(b'#', bytes).any(|i| i > 0 && bytes[i - 1] == b' ');
    let plain = !v.is_empty() && !indicator && !mapping && !comment && !v.ends_with(':');
    plain.then_some(Scalar {
        text: v,
        plain: true,
    })
}

/// Whether `text` holds only characters the fast readers take as they are: no control
/// character but the line feed, nothing YAML reads as a line break (NEL, LS, PS) or
/// refuses (a BOM inside the text, non-characters).
pub(crate) fn plain_characters(text: &str) -> bool {
    !text.contains(|c: char| {
        (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            )
    })
}

/// Whether `key` is a plain key the fast readers take: a letter or `_`, then letters,
/// digits, `_` and `-`, and text to YAML (not `yes`, `on`, `null` …).
pub(crate) fn plain_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && Scalar {
            text: key,
            plain: true,
        }
        .text_for_any()
}

/// A significant line of [`simple_block`]: its indent and its text after the indent.
type Line<'a> = (usize, &'a str);

/// Block YAML written the way toc.yml files are (nested lists of maps whose values are
/// one-line text: `- name: Intro` / `  href: intro.md` / `  items:`), read without the
/// YAML parser, which costs a quarter of a million instructions a toc. `None` for
/// anything else: tabs, flow collections, anchors, tags, block scalars, documents
/// markers, empty values, duplicate keys, any value YAML could read as other than text,
/// and any indentation outside the shapes above. Where it answers, the value is what
/// [`from_str`] gives (tested against it on the real corpus and tricky cases, and by the
/// `toc` fuzz target).
pub fn simple_block(text: &str) -> Option<serde_yaml::Value> {
    if !plain_characters(text) {
        return None;
    }
    let mut lines: Vec<Line<'_>> = Vec::new();
    for line in text.split('\n') {
        let body = line.trim_end_matches(' ');
        let content = body.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if body.starts_with("---") || body.starts_with("...") || body.starts_with('%') {
            return None;
        }
        lines.push((body.len() - content.len(), content));
    }
    let mut at = 0;
    let value = block(&lines, &mut at, lines.first()?.0)?;
    (at == lines.len()).then_some(value)
}

fn is_item(text: &str) -> bool {
    text.starts_with("- ")
}

/// The list or map whose first line is `lines[*at]`, at `indent`.
fn block(lines: &[Line<'_>], at: &mut usize, indent: usize) -> Option<serde_yaml::Value> {
    let &(n, text) = lines.get(*at)?;
    if n != indent {
        return None;
    }
    if is_item(text) {
        let mut items = Vec::new();
        while let Some(&(i, text)) = lines.get(*at) {
            if i != n || !is_item(text) {
                break;
            }
            // The item's map starts on the item's own line, where its first key is.
            let rest = &text[2..];
            let first = rest.trim_start_matches(' ');
            let column = n + 2 + (rest.len() - first.len());
            items.push(mapping(lines, at, column, Some(first))?);
        }
        Some(serde_yaml::Value::Sequence(items))
    } else {
        mapping(lines, at, n, None)
    }
}

/// The map whose keys are at `indent`, from `lines[*at]`; `first` is the text of its
/// first line when that line is a list item's.
fn mapping(
    lines: &[Line<'_>],
    at: &mut usize,
    indent: usize,
    mut first: Option<&str>,
) -> Option<serde_yaml::Value> {
    let mut map = serde_yaml::Mapping::new();
    loop {
        let text = match first.take() {
            Some(text) => text,
            None => match lines.get(*at) {
                Some(&(i, text)) if i == indent && !is_item(text) => text,
                Some(&(i, _)) if i > indent => return None,
                _ => break,
            },
        };
        *at += 1;
        let (key, rest) = text.split_once(':')?;
        if !plain_key(key) {
            return None;
        }
        let value = if rest.is_empty() {
            // A list or map on the next lines: deeper, or a list at the key's own indent.
            match lines.get(*at) {
                Some(&(i, next)) if i > indent || (i == indent && is_item(next)) => {
                    block(lines, at, i)?
                }
                _ => return None,
            }
        } else {
            let value = scalar(rest.strip_prefix(' ')?.trim_start_matches(' '))?;
            if !value.text_for_any() {
                return None;
            }
            serde_yaml::Value::String(value.text.to_owned())
        };
        if map
            .insert(serde_yaml::Value::String(key.to_owned()), value)
            .is_some()
        {
            return None;
        }
    }
    Some(serde_yaml::Value::Mapping(map))
}

/// For the fuzz target and tests: panics when [`simple_block`] answers differently from
/// YAML.
#[doc(hidden)]
pub fn assert_simple_block_agrees(text: &str) {
    if let Some(fast) = simple_block(text) {
        let slow = from_str::<serde_yaml::Value>(text);
        assert_eq!(Some(&fast), slow.as_ref().ok(), "{text:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of `n` strings repeated by `n` aliases: n² strings from a text of ~30n bytes.
    fn wide_bomb(n: usize) -> String {
        let leaf = vec!["\"xxxxxxxxxxxxxxxxxxxxxxxx\""; n].join(",");
        let aliases = vec!["*a"; n].join(",");
        format!("a: &a [{leaf}]\nb: [{aliases}]\ntitle: Wide\n")
    }

    /// Whether the block reader answered for `text`; panics when its answer is not YAML's.
    fn block_taken(text: &str) -> bool {
        assert_simple_block_agrees(text);
        simple_block(text).is_some()
    }

    #[test]
    fn lf_lines_are_str_lines_without_carriage_returns() {
        let pieces = ["", "\n", "a", "é b", "\n\n", " "];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    let ours: Vec<&str> = lf_lines(&text).collect();
                    assert_eq!(ours, text.lines().collect::<Vec<_>>(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn plain_scalars_are_those_without_a_mapping_or_comment_inside() {
        // The definition: no `: ` and no ` #` anywhere in the value.
        let pieces = ["a", ":", " ", "#", "é", "x:y", "#z", ": #", "ü "];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let v = format!("a{a}{b}{c}");
                    let plain = !v.contains(": ") && !v.contains(" #") && !v.ends_with(':');
                    assert_eq!(scalar(&v).is_some(), plain, "{v:?}");
                }
            }
        }
    }

    #[test]
    fn block_reader_takes_toc_shapes_as_yaml_reads_them() {
        let taken = [
            "items:\n- name: A\n  href: a.md\n- name: B\n  href: b.md\n",
            "items:\n  - name: A\n    href: a.md\n    items:\n      - name: B\n        href: b.md\n",
            "- name: A\n  items:\n  - name: B\n    href: b.md\n  href: a.md\n- name: C\n  href: c.md\n",
            "# comment\nitems:\n\n- name: 'Quoted: yes'\n  # inside\n  href: \"x y.md\"\n",
            "- name:    Spaced   \n  href: a.md#x?y=1\n",
            "- name: Überblick & [more]\n  href: https://example.com/a:b\n",
            "- name: Up\n  href: ../index.yml\n  topicHref: ./a.md\n",
            "-   name: Wide\n    href: w.md\n",
            "  - name: Indented\n    href: i.md\n",
            "name: A\nitems:\n- name: B\n",
        ];
        for text in taken {
            assert!(block_taken(text), "left: {text:?}");
        }
        let left = [
            "",
            "# only a comment\n",
            "---\n- name: A\n",
            "- name: A\n  expanded: true\n",
            "- name: 12\n",
            "- name: .5\n",
            "- name: .inf\n",
            "- name: -1\n",
            "- name: A\n  href:\n",
            "- name: A\n  href: ''\n",
            "- name: A\n  name: B\n",
            "- name: A\n   href: a.md\n",
            "- name: A\n href: a.md\n",
            "- name: A\n  - x\n",
            "- name: A # note\n",
            "- name: a\n\thref: b\n",
            "- name: a\r\n",
            "- name: [a, b]\n",
            "- {name: a}\n",
            "- name: &x a\n- name: *x\n",
            "- name: !t a\n",
            "- name: |\n    a\n",
            "- name: A\n    continued\n",
            "-\n  name: A\n",
            "- - a\n",
            "- name: A\nyes: b\n",
            "on: a\n",
            "\"name\": a\n",
            "- name: 'it''s'\n",
            "- name: \"a\\tb\"\n",
            "- name: a\n...\n",
            "%YAML 1.2\n---\n- name: a\n",
        ];
        for text in left {
            assert!(!block_taken(text), "taken: {text:?}");
        }
    }

    #[test]
    fn block_reader_matches_yaml_on_every_toc_of_the_corpora() {
        let (mut taken, mut all) = (0, 0);
        for path in crate::testing::corpus_files(|p| p.ends_with("toc.yml")) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(text) = crate::source::decode(&bytes) else {
                continue;
            };
            all += 1;
            taken += usize::from(block_taken(&text));
        }
        println!("block reader took {taken} of {all} tocs");
        if crate::testing::real_corpus_absent() {
            return;
        }
        assert!(all > 100 && taken * 10 > all * 9, "{taken} of {all}");
    }

    #[test]
    fn wide_alias_bombs_are_refused_quickly() {
        let started = std::time::Instant::now();
        let err = from_str::<serde_yaml::Value>(&wide_bomb(2_000)).unwrap_err();
        assert!(err.to_string().contains(TOO_LARGE), "{err}");
        assert!(err.location().is_some(), "located: {err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn deep_alias_bombs_stop_at_the_parsers_limit() {
        let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        assert!(from_str::<serde_yaml::Value>(&text).is_err());
    }

    #[test]
    fn ordinary_aliases_and_documents_read_as_before() {
        let text = "base: &b {name: x, href: a.md}\nitems: [*b, *b, {<<: *b, name: y}]\n";
        let v: serde_yaml::Value = from_str(text).unwrap();
        assert_eq!(v, serde_yaml::from_str::<serde_yaml::Value>(text).unwrap());
        // A few aliases in a small document are fine even past the per-byte budget.
        assert!(from_str::<serde_yaml::Value>(&wide_bomb(20)).is_ok());
        // Syntax errors come from the real read, with its message.
        let err = from_str::<serde_yaml::Value>("a: *missing\n").unwrap_err();
        assert!(!err.to_string().contains(TOO_LARGE), "{err}");
        let tagged = "a: &x !t [1, 2]\nb: *x\n";
        assert_eq!(
            from_str::<serde_yaml::Value>(tagged).unwrap(),
            serde_yaml::from_str::<serde_yaml::Value>(tagged).unwrap()
        );
    }
}
