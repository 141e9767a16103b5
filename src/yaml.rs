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

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of `n` strings repeated by `n` aliases: n² strings from a text of ~30n bytes.
    fn wide_bomb(n: usize) -> String {
        let leaf = vec!["\"xxxxxxxxxxxxxxxxxxxxxxxx\""; n].join(",");
        let aliases = vec!["*a"; n].join(",");
        format!("a: &a [{leaf}]\nb: [{aliases}]\ntitle: Wide\n")
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
