//! UI strings and date formats per language, from `locales/<lang>.yml`.
//!
//! The six built-in locales are embedded; a site's `locales/<lang>.yml` overrides them key
//! by key, and a language without a built-in locale starts from English.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::diag::Diagnostic;

/// The embedded locale files, by language code.
pub const BUILTIN: [(&str, &str); 6] = [
    ("en", include_str!("../locales/en.yml")),
    ("nl", include_str!("../locales/nl.yml")),
    ("de", include_str!("../locales/de.yml")),
    ("da", include_str!("../locales/da.yml")),
    ("no", include_str!("../locales/no.yml")),
    ("sv", include_str!("../locales/sv.yml")),
];

/// The UI strings of one language.
#[derive(Debug, Clone, Default)]
pub struct Locale {
    /// Language code, e.g. `nl`.
    pub lang: String,
    /// Flat key → text.
    pub strings: BTreeMap<String, String>,
    /// Month names, January first.
    pub months: Vec<String>,
}

impl Locale {
    /// The text for `key`, or the key itself when the locale lacks it.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// A date in this locale's `date_format`.
    pub fn format_date(&self, date: NaiveDate) -> String {
        let month = self
            .months
            .get(date.month0() as usize)
            .cloned()
            .unwrap_or_else(|| date.month().to_string());
        self.get("date_format")
            .replace("{day}", &date.day().to_string())
            .replace("{month_number}", &format!("{:02}", date.month()))
            .replace("{month}", &month)
            .replace("{year}", &date.year().to_string())
    }

    /// Formats a number with this language's decimal and thousands separators.
    pub fn format_number(&self, value: f64, decimals: usize) -> String {
        let (dec, group) = match self.lang.as_str() {
            "en" => ('.', ','),
            "sv" | "no" => (',', '\u{a0}'),
            _ => (',', '.'),
        };
        let text = format!("{:.*}", decimals, value.abs());
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text.as_str(), None),
        };
        let mut out = String::new();
        if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
        if let Some(f) = frac {
            out.push(dec);
            out.push_str(f);
        }
        out
    }
}

/// Parses one locale file over `base` (keys in `text` win).
pub fn parse_over(base: &Locale, lang: &str, text: &str, file: &str) -> Result<Locale, Diagnostic> {
    let map: BTreeMap<String, serde_yaml::Value> = crate::yaml::from_str(text).map_err(|e| {
        let (l, c, msg) = crate::frontmatter::yaml_error(&e);
        Diagnostic::error(
            "locale",
            file,
            (l as u32, c as u32),
            format!("invalid locale file: {msg}"),
        )
    })?;
    let mut locale = base.clone();
    locale.lang = lang.to_owned();
    for (key, value) in map {
        match (key.as_str(), value) {
            ("months", serde_yaml::Value::Sequence(items)) => {
                let months: Vec<String> = items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect();
                if months.len() != 12 {
                    return Err(Diagnostic::error(
                        "locale",
                        file,
                        (1, 1),
                        "`months` must list twelve month names",
                    ));
                }
                locale.months = months;
            }
            (_, serde_yaml::Value::String(s)) => {
                locale.strings.insert(key, s);
            }
            (_, serde_yaml::Value::Number(n)) => {
                locale.strings.insert(key, n.to_string());
            }
            (_, serde_yaml::Value::Bool(b)) => {
                locale.strings.insert(key, b.to_string());
            }
            (_, serde_yaml::Value::Null) => {}
            _ => {
                return Err(Diagnostic::error(
                    "locale",
                    file,
                    (1, 1),
                    format!("`{key}` must be a string"),
                ));
            }
        }
    }
    Ok(locale)
}

/// The embedded locale of `lang`, or English for a language helpgen has no strings for.
pub fn builtin(lang: &str) -> Locale {
    let en = BUILTIN[0].1;
    let empty = Locale::default();
    let english = parse_over(&empty, "en", en, "locales/en.yml").unwrap_or_default();
    match BUILTIN.iter().find(|(l, _)| *l == lang) {
        Some((_, text)) if lang != "en" => {
            parse_over(&english, lang, text, "locales").unwrap_or(english)
        }
        _ => Locale {
            lang: lang.to_owned(),
            ..english
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_locale_has_every_english_key() {
        let en = builtin("en");
        for (lang, text) in BUILTIN {
            let own: BTreeMap<String, serde_yaml::Value> = serde_yaml::from_str(text).unwrap();
            for key in en.strings.keys() {
                assert!(own.contains_key(key), "{lang}.yml lacks `{key}`");
            }
            assert_eq!(builtin(lang).months.len(), 12, "{lang}");
        }
    }

    #[test]
    fn dates_and_numbers_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 10).unwrap();
        assert_eq!(builtin("nl").format_date(d), "10 juli 2025");
        assert_eq!(builtin("de").format_date(d), "10. Juli 2025");
        assert_eq!(builtin("en").format_date(d), "July 10, 2025");
        assert_eq!(builtin("en").format_number(1234567.891, 2), "1,234,567.89");
        assert_eq!(builtin("nl").format_number(8.1, 2), "8,10");
        assert_eq!(builtin("sv").format_number(-1234.5, 1), "-1\u{a0}234,5");
        assert_eq!(builtin("fr").get("previous"), "Previous");
    }

    #[test]
    fn overrides_merge_key_by_key() {
        let nl = builtin("nl");
        let over = parse_over(&nl, "nl", "previous: Terug\n", "locales/nl.yml").unwrap();
        assert_eq!(over.get("previous"), "Terug");
        assert_eq!(over.get("next"), "Volgende");
        let err = parse_over(&nl, "nl", "previous: [a\n", "locales/nl.yml").unwrap_err();
        assert_eq!(err.file, "locales/nl.yml");
    }
}
