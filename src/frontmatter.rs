//! Front matter: split the `---` block off a page and read it into typed [`FrontMatter`].
//!
//! Known keys are typed (SPEC §2); every other key is kept in `extra`. Problems become
//! diagnostics located in the page, and the page still builds with what could be read.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::{Scalar, plain_characters, plain_key, scalar};

/// The typed front matter of a page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    /// Unique id across the site; target of `xref:` links.
    pub uid: Option<String>,
    /// Page title; falls back to the first `# heading`.
    pub title: Option<String>,
    /// Meta description and search snippet.
    pub description: Option<String>,
    /// Meta keywords; a comma-separated string or a list.
    pub keywords: Vec<String>,
    /// Author shown in the page meta.
    pub author: Option<String>,
    /// Product version shown in the page meta.
    pub version: Option<String>,
    /// `concept`, `howto`, `reference`…
    pub content_type: Option<String>,
    /// Free classification used by templates.
    pub category: Option<String>,
    /// Free classification used by templates.
    pub topic: Option<String>,
    /// Free classification used by templates.
    pub tier: Option<String>,
    /// Free classification used by templates.
    pub audience: Option<String>,
    /// Tooltip for the audience.
    pub audience_tooltip: Option<String>,
    /// `online`, `onsite`…
    pub deployment: Option<String>,
    /// Free classification used by templates.
    pub platform: Option<String>,
    /// Date of the page, shown in the locale's format.
    pub date: Option<NaiveDate>,
    /// Page language; defaults to the top-level language folder.
    pub language: Option<String>,
    /// Old site-absolute URLs (no extension) that must redirect to this page.
    pub redirect_from: Vec<String>,
    /// This page only redirects here.
    pub redirect_url: Option<String>,
    /// `false` keeps the page out of search and the sitemap.
    pub index: Option<bool>,
    /// Every other key, for templates (`page.extra.<key>`).
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A page split into front matter and body.
#[derive(Debug, Clone, Default)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if any.
    pub yaml: Option<&'a str>,
    /// Byte offset of the YAML in the file.
    pub yaml_offset: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\n yaml \n---\n body`. Text without an opening `---` line, or whose block
/// is never closed, is all body.
pub fn split(text: &str) -> Split<'_> {
    let all_body = Split {
        yaml: None,
        yaml_offset: 0,
        body: text,
        body_offset: 0,
    };
    let Some(rest) = text.strip_prefix("---") else {
        return all_body;
    };
    let Some(first_nl) = rest.find('\n') else {
        return all_body;
    };
    if !rest[..first_nl].trim().is_empty() {
        return all_body;
    }
    let yaml_offset = 3 + first_nl + 1;
    let mut pos = yaml_offset;
    // Line by line (with its line feed), the ends found by memchr.
    while pos < text.len() {
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i + 1);
        let trimmed = text[pos..end].trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Split {
                yaml: Some(&text[yaml_offset..pos]),
                yaml_offset,
                body: &text[end..],
                body_offset: end,
            };
        }
        pos = end;
    }
    all_body
}

/// The known keys, deserialized in one go when the block is well typed.
#[derive(Debug, Default, PartialEq, Deserialize)]
struct Typed {
    uid: Option<String>,
    title: Option<String>,
    description: Option<String>,
    keywords: Option<StringOrList>,
    author: Option<String>,
    version: Option<String>,
    content_type: Option<String>,
    category: Option<String>,
    topic: Option<String>,
    tier: Option<String>,
    audience: Option<String>,
    audience_tooltip: Option<String>,
    deployment: Option<String>,
    platform: Option<String>,
    date: Option<String>,
    language: Option<String>,
    redirect_from: Option<StringOrList>,
    redirect_url: Option<String>,
    index: Option<bool>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_yaml::Value>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum StringOrList {
    One(String),
    Many(Vec<String>),
}

impl StringOrList {
    fn into_vec(self, split_commas: bool) -> Vec<String> {
        let items = match self {
            StringOrList::One(s) if split_commas => s.split(',').map(str::to_owned).collect(),
            StringOrList::One(s) => vec![s],
            StringOrList::Many(v) => v,
        };
        items
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Reads the front matter of `file`. Diagnostics are located in `file`.
pub fn parse(file: &SourceFile) -> (FrontMatter, Split<'_>, Vec<Diagnostic>) {
    let split = split(&file.text);
    let mut diags = Vec::new();
    let Some(yaml) = split.yaml else {
        return (FrontMatter::default(), split, diags);
    };
    if yaml.trim().is_empty() {
        return (FrontMatter::default(), split, diags);
    }
    let located = |line: usize, col: usize| -> (u32, u32) {
        let (l, _) = file.line_col(split.yaml_offset);
        (
            (l as usize + line.saturating_sub(1)) as u32,
            col.max(1) as u32,
        )
    };
    let typed = match simple(yaml).map_or_else(|| crate::yaml::from_str::<Typed>(yaml), Ok) {
        Ok(t) => Some(t),
        Err(e) => {
            let (line, col, msg) = yaml_error(&e);
            diags.push(Diagnostic::error(
                "front-matter",
                &file.rel,
                located(line, col),
                format!("invalid front matter: {msg}"),
            ));
            None
        }
    };
    let fm = match typed {
        Some(t) => from_typed(t, file, &split, &mut diags),
        // Fall back to whatever a generic read recovers: a syntax error loses the block,
        // a type error (e.g. `title: [a, b]`) loses only that key.
        None => match crate::yaml::from_str::<BTreeMap<String, serde_yaml::Value>>(yaml) {
            Ok(map) => lenient(map, file, &split, &mut diags),
            Err(_) => FrontMatter::default(),
        },
    };
    (fm, split, diags)
}

/// The typed keys of front matter written the way nearly all of it is (`key: text`
/// lines, `key:` with `- item` lines, comments), read without the YAML parser, which
/// costs a hundred thousand instructions a page. `None` for anything else, including
/// every value YAML could read as other than text (numbers, booleans, null), escapes,
/// and duplicate keys: those go through the YAML reader, whose result this one matches
/// exactly wherever it answers (tested against it on the real corpus and tricky
/// cases, and by the frontmatter fuzz target).
fn simple(yaml: &str) -> Option<Typed> {
    if !plain_characters(yaml) {
        return None;
    }
    let mut t = Typed::default();
    let mut seen: Vec<&str> = Vec::new();
    // No carriage return gets here (`plain_characters`): lines end at line feeds.
    let mut lines = crate::yaml::lf_lines(yaml).peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_end_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let colon = memchr::memchr(b':', trimmed.as_bytes())?;
        let (key, rest) = (&trimmed[..colon], &trimmed[colon + 1..]);
        if !plain_key(key) || seen.contains(&key) {
            return None;
        }
        seen.push(key);
        let value = if rest.is_empty() {
            // A block list: `- item` lines, indented alike.
            let mut items = Vec::new();
            let mut indent = None;
            while let Some(next) = lines.peek() {
                let body = next.trim_start_matches(' ');
                let Some(item) = body.strip_prefix("- ") else {
                    break;
                };
                let n = next.len() - body.len();
                if *indent.get_or_insert(n) != n {
                    return None;
                }
                items.push(scalar(item.trim_end_matches(' '))?);
                lines.next();
            }
            if items.is_empty() {
                return None;
            }
            Value::List(items)
        } else {
            Value::One(scalar(rest.strip_prefix(' ')?.trim_start_matches(' '))?)
        };
        let text = |v: Value<'_>| match v {
            Value::One(s) if !s.null_like() => Some(Some(s.text.to_owned())),
            _ => None,
        };
        let list = |v: Value<'_>| match v {
            Value::One(s) if s.text_for_any() => Some(Some(StringOrList::One(s.text.to_owned()))),
            Value::List(items) if items.iter().all(Scalar::text_for_any) => Some(Some(
                StringOrList::Many(items.iter().map(|s| s.text.to_owned()).collect()),
            )),
            _ => None,
        };
        match key {
            "uid" => t.uid = text(value)?,
            "title" => t.title = text(value)?,
            "description" => t.description = text(value)?,
            "keywords" => t.keywords = list(value)?,
            "author" => t.author = text(value)?,
            "version" => t.version = text(value)?,
            "content_type" => t.content_type = text(value)?,
            "category" => t.category = text(value)?,
            "topic" => t.topic = text(value)?,
            "tier" => t.tier = text(value)?,
            "audience" => t.audience = text(value)?,
            "audience_tooltip" => t.audience_tooltip = text(value)?,
            "deployment" => t.deployment = text(value)?,
            "platform" => t.platform = text(value)?,
            "date" => t.date = text(value)?,
            "language" => t.language = text(value)?,
            "redirect_from" => t.redirect_from = list(value)?,
            "redirect_url" => t.redirect_url = text(value)?,
            "index" => {
                t.index = match value {
                    Value::One(s) if s.plain && s.text == "true" => Some(true),
                    Value::One(s) if s.plain && s.text == "false" => Some(false),
                    _ => return None,
                }
            }
            _ => {
                let v = match value {
                    Value::One(s) if s.text_for_any() => serde_yaml::Value::String(s.text.into()),
                    Value::List(items) if items.iter().all(Scalar::text_for_any) => {
                        serde_yaml::Value::Sequence(
                            (items.iter())
                                .map(|s| serde_yaml::Value::String(s.text.into()))
                                .collect(),
                        )
                    }
                    _ => return None,
                };
                t.extra.insert(key.to_owned(), v);
            }
        }
    }
    // Comments only: whatever YAML makes of that, it is not this reader's to say.
    (!seen.is_empty()).then_some(t)
}

/// For the fuzz target: panics when the simple reader answers differently from YAML.
#[doc(hidden)]
pub fn assert_simple_reader_agrees(yaml: &str) {
    if let Some(fast) = simple(yaml) {
        let slow = crate::yaml::from_str::<Typed>(yaml);
        assert_eq!(Some(&fast), slow.as_ref().ok(), "{yaml:?}");
    }
}

/// A value of [`simple`] front matter.
enum Value<'a> {
    One(Scalar<'a>),
    List(Vec<Scalar<'a>>),
}

/// A YAML error as `(line, column, message)`, 1-based within the YAML text. When the
/// parser names the construct it was reading ("while parsing a flow sequence at line 2
/// column 11"), that is where the writer has to look, so that position wins.
pub fn yaml_error(e: &serde_yaml::Error) -> (usize, usize, String) {
    let text = e.to_string();
    let (mut line, mut col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let mut message = String::new();
    for (i, part) in text.split(", while ").enumerate() {
        let (what, at) = match part.rfind(" at line ") {
            Some(j) => (&part[..j], Some(&part[j + 9..])),
            None => (part, None),
        };
        if i > 0 {
            message.push_str(", while ");
            if let Some((l, c)) = at.and_then(|a| a.split_once(" column ")) {
                if let (Ok(l), Ok(c)) = (l.trim().parse(), c.trim().parse()) {
                    (line, col) = (l, c);
                }
            }
        }
        message.push_str(what);
    }
    (line, col, message)
}

fn from_typed(
    t: Typed,
    file: &SourceFile,
    split: &Split<'_>,
    diags: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let date = t
        .date
        .as_deref()
        .and_then(|d| parse_date_checked(d, file, split, diags));
    FrontMatter {
        uid: nonempty(t.uid),
        title: nonempty(t.title),
        description: nonempty(t.description),
        keywords: t.keywords.map(|k| k.into_vec(true)).unwrap_or_default(),
        author: nonempty(t.author),
        version: nonempty(t.version),
        content_type: nonempty(t.content_type),
        category: nonempty(t.category),
        topic: nonempty(t.topic),
        tier: nonempty(t.tier),
        audience: nonempty(t.audience),
        audience_tooltip: nonempty(t.audience_tooltip),
        deployment: nonempty(t.deployment),
        platform: nonempty(t.platform),
        date,
        language: nonempty(t.language),
        redirect_from: t
            .redirect_from
            .map(|r| r.into_vec(false))
            .unwrap_or_default(),
        redirect_url: nonempty(t.redirect_url),
        index: t.index,
        extra: t
            .extra
            .into_iter()
            .map(|(k, v)| (k, yaml_to_json(v)))
            .collect(),
    }
}

fn lenient(
    map: BTreeMap<String, serde_yaml::Value>,
    file: &SourceFile,
    split: &Split<'_>,
    diags: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let mut fm = FrontMatter::default();
    for (key, value) in map {
        let text = scalar_text(&value);
        let list = || -> Vec<String> {
            match &value {
                serde_yaml::Value::Sequence(items) => {
                    items.iter().filter_map(scalar_text).collect()
                }
                _ => scalar_text(&value).into_iter().collect(),
            }
        };
        match key.as_str() {
            "uid" => fm.uid = text,
            "title" => fm.title = text,
            "description" => fm.description = text,
            "keywords" => fm.keywords = list(),
            "author" => fm.author = text,
            "version" => fm.version = text,
            "content_type" => fm.content_type = text,
            "category" => fm.category = text,
            "topic" => fm.topic = text,
            "tier" => fm.tier = text,
            "audience" => fm.audience = text,
            "audience_tooltip" => fm.audience_tooltip = text,
            "deployment" => fm.deployment = text,
            "platform" => fm.platform = text,
            "date" => fm.date = text.and_then(|d| parse_date_checked(&d, file, split, diags)),
            "language" => fm.language = text,
            "redirect_from" => fm.redirect_from = list(),
            "redirect_url" => fm.redirect_url = text,
            "index" => fm.index = value.as_bool(),
            _ => {
                fm.extra.insert(key, yaml_to_json(value));
            }
        }
    }
    fm
}

fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn parse_date_checked(
    text: &str,
    file: &SourceFile,
    split: &Split<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let pos = key_position(file, split, "date");
    match parse_date(text) {
        Some(DateRead::Exact(d)) => Some(d),
        Some(DateRead::DayFirst(d)) => {
            diags.push(
                Diagnostic::warning(
                    "front-matter",
                    &file.rel,
                    pos,
                    format!(
                        "date `{text}` is day-first; helpgen read it as {d}, write it as MM.DD.YYYY"
                    ),
                )
                .with_suggestion(d.format("%m.%d.%Y").to_string()),
            );
            Some(d)
        }
        None => {
            diags.push(
                Diagnostic::warning(
                    "front-matter",
                    &file.rel,
                    pos,
                    format!("date `{text}` is not a date; write MM.DD.YYYY (e.g. 11.29.2022) or YYYY-MM-DD"),
                )
                .with_target(text),
            );
            None
        }
    }
}

/// How a date was read.
#[derive(Debug, PartialEq, Eq)]
pub enum DateRead {
    /// `MM.DD.YYYY`, ISO or RFC 3339.
    Exact(NaiveDate),
    /// Only valid as `DD.MM.YYYY`.
    DayFirst(NaiveDate),
}

/// Parses `MM.DD.YYYY` (the corpus' format; `M.D.YYYY` too), `YYYY-MM-DD` and RFC 3339.
pub fn parse_date(text: &str) -> Option<DateRead> {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(DateRead::Exact(d));
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(DateRead::Exact(dt.date_naive()));
    }
    if let Some(head) = text.get(..10)
        && text.len() > 10
        && let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d")
    {
        // `2024-01-02 10:00:00` and similar timestamps.
        return Some(DateRead::Exact(d));
    }
    let parts: Vec<&str> = text.split(['.', '/']).collect();
    if let [a, b, y] = parts[..]
        && let (Ok(a), Ok(b), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<i32>())
        && (1000..=9999).contains(&y)
    {
        if let Some(d) = NaiveDate::from_ymd_opt(y, a, b) {
            return Some(DateRead::Exact(d));
        }
        if let Some(d) = NaiveDate::from_ymd_opt(y, b, a) {
            return Some(DateRead::DayFirst(d));
        }
    }
    None
}

/// Position of `key:` inside the front matter, or of the block's first line.
fn key_position(file: &SourceFile, split: &Split<'_>, key: &str) -> (u32, u32) {
    let yaml = split.yaml.unwrap_or("");
    let mut offset = split.yaml_offset;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            let value_col = line.find(':').map_or(0, |i| {
                i + 1 + (line[i + 1..].len() - line[i + 1..].trim_start().len())
            });
            return file.line_col(offset + value_col);
        }
        offset += line.len();
    }
    file.line_col(split.yaml_offset)
}

/// Converts YAML to JSON for templates; non-string map keys are stringified.
pub fn yaml_to_json(v: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    match v {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                J::from(i)
            } else if let Some(u) = n.as_u64() {
                J::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(J::Null, J::Number)
            }
        }
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => J::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        other => scalar_text(&other).unwrap_or_default(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let file = SourceFile::new("nl/a.md", text);
        let (fm, _, diags) = parse(&file);
        (fm, diags)
    }

    /// Where the simple reader answers, it must answer what the YAML reader does.
    fn same_as_yaml(yaml: &str) -> bool {
        assert_simple_reader_agrees(yaml);
        simple(yaml).is_some()
    }

    #[test]
    fn simple_front_matter_reads_as_yaml_does() {
        let taken = [
            "title: Licenties\nversion: 11.2\ndate: 05.21.2025\nindex: true\n",
            "title: it's \"quoted\" inside\nkeywords: 'a, b: c # d'\n",
            "redirect_from:\n  - /nl/old\n  - /nl/older\nredirect_url: https://x.y/a#b\n",
            "keywords:\n- een\n- twee\ntier: premium\naudience_tooltip: Settings and maintenance\n",
            "# a comment\n\ntitle:   spaced   \ntopic: \"double\"\nextra_list:\n    - Alpha\n",
            "title: true\nversion: 10\nuid: ~x\nlanguage: nl\nx-key: Überblick\n",
            "tier: 5\nplatform: yes\ncategory: .inf\nlevel: /a/b\nredirect_url: ../x.md\n",
        ];
        for yaml in taken {
            assert!(same_as_yaml(yaml), "not taken: {yaml:?}");
        }
        // Left to the YAML reader: numbers, booleans and nulls where types differ,
        // quoting YAML would unescape, structure, duplicates, comments after values.
        let left = [
            "",
            "# only a comment\n",
            "title:\n",
            "title: null\n",
            "title: ''\n",
            "level: 5\n",
            "level: yes\n",
            "level: .inf\n",
            "level: -x\n",
            "keywords: 12\n",
            "index: True\n",
            "index: 1\n",
            "title: a # comment\n",
            "title: a: b\n",
            "title: \"a\\tb\"\n",
            "title: 'it''s'\n",
            "title: |\n  block\n",
            "title: foo\n  continued\n",
            "title: a\ntitle: b\n",
            "nested:\n  key: value\n",
            "list:\n  - a\n   - b\n",
            "list:\n  - [a, b]\n",
            "on: x\n",
            "title:x\n",
            "anchor: &a x\nalias: *a\n",
            "title: \ttab\n",
            "title: a\u{2028}b\n",
            "title: a\u{85}b\n",
        ];
        for yaml in left {
            assert!(simple(yaml).is_none(), "taken: {yaml:?}");
        }
    }

    #[test]
    fn simple_front_matter_matches_yaml_on_the_real_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/superoffice-docs");
        if !root.is_dir() {
            println!("skipped: {} is absent (only CI has it)", root.display());
            return;
        }
        let (mut taken, mut all) = (0, 0);
        for entry in walkdir::WalkDir::new(&root) {
            let Ok(entry) = entry else { continue };
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let text = text.replace("\r\n", "\n");
            if let Some(yaml) = split(&text).yaml {
                all += 1;
                taken += usize::from(same_as_yaml(yaml));
            }
        }
        println!("simple reader took {taken} of {all} front matters");
        assert!(all > 1000 && taken * 2 > all, "{taken} of {all}");
    }

    #[test]
    fn split_finds_the_closing_line_as_a_line_iterator_does() {
        // The definition: the first line after the opening one that is `---` or `...`
        // once trailing whitespace is trimmed.
        fn by_lines(text: &str) -> Option<(usize, usize)> {
            let rest = text.strip_prefix("---")?;
            let first_nl = rest.find('\n')?;
            if !rest[..first_nl].trim().is_empty() {
                return None;
            }
            let mut pos = 3 + first_nl + 1;
            for line in text[pos..].split_inclusive('\n') {
                let trimmed = line.trim_end();
                if trimmed == "---" || trimmed == "..." {
                    return Some((pos, pos + line.len()));
                }
                pos += line.len();
            }
            None
        }
        let lines = [
            "", "---", "...", "--- ", "---\r", "title: a", "a: ---", " ---", "é",
        ];
        for a in lines {
            for b in lines {
                for end in ["", "\n", "\r\n"] {
                    let text = format!("---\n{a}\n{b}{end}");
                    let s = split(&text);
                    let got = s.yaml.map(|y| (s.yaml_offset + y.len(), s.body_offset));
                    assert_eq!(got, by_lines(&text), "{text:?}");
                    if got.is_none() {
                        assert_eq!((s.body, s.body_offset), (text.as_str(), 0));
                    }
                }
            }
        }
    }

    #[test]
    fn splits_only_a_closed_block() {
        let s = split("---\ntitle: a\n---\n# Body\n");
        assert_eq!(s.yaml, Some("title: a\n"));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_offset, 17);
        assert_eq!(split("---\ntitle: a\n").yaml, None);
        assert_eq!(split("# no fm\n---\n").yaml, None);
        assert_eq!(split("---").yaml, None);
    }

    #[test]
    fn reads_the_corpus_shapes() {
        let (fm, diags) = read(
            "---\nuid: help-nl-licenses\ntitle: SuperOffice en licenties\nkeywords: licentie, gebruikersplan\n\
             date: 07.10.2025\nversion: 12.0\nlanguage: no\nindex: true\nredirect_from: /nl/old\n\
             license: salespremium\n---\nbody\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(fm.uid.as_deref(), Some("help-nl-licenses"));
        assert_eq!(fm.keywords, ["licentie", "gebruikersplan"]);
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2025, 7, 10));
        assert_eq!(fm.version.as_deref(), Some("12.0"));
        assert_eq!(fm.language.as_deref(), Some("no"));
        assert_eq!(fm.index, Some(true));
        assert_eq!(fm.redirect_from, ["/nl/old"]);
        assert_eq!(fm.extra["license"], "salespremium");
    }

    #[test]
    fn lists_or_strings() {
        let (fm, _) = read("---\nredirect_from:\n  - /a\n  - /b\nkeywords: [x, y]\n---\n");
        assert_eq!(fm.redirect_from, ["/a", "/b"]);
        assert_eq!(fm.keywords, ["x", "y"]);
    }

    #[test]
    fn bad_dates_warn_at_the_key() {
        let (fm, diags) = read("---\ntitle: t\ndate: 01.321.2025\n---\n");
        assert_eq!(fm.date, None);
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (3, 7));
        let (fm, diags) = read("---\ndate: 25.03.2024\n---\n");
        assert_eq!(fm.date, NaiveDate::from_ymd_opt(2024, 3, 25));
        assert_eq!(diags[0].suggestion.as_deref(), Some("03.25.2024"));
    }

    #[test]
    fn syntax_errors_are_located_in_the_page() {
        let (fm, diags) = read("---\ntitle: a\nkeywords: [unclosed\n---\nbody\n");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "front-matter");
        assert!(diags[0].line >= 3, "{diags:?}");
    }

    #[test]
    fn type_errors_keep_the_other_keys() {
        let (fm, diags) = read("---\ntitle: [a, b]\nuid: x\n---\n");
        assert_eq!(fm.uid.as_deref(), Some("x"));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, 2);
    }

    #[test]
    fn date_formats() {
        let d = NaiveDate::from_ymd_opt(2022, 11, 29).unwrap();
        assert_eq!(parse_date("11.29.2022"), Some(DateRead::Exact(d)));
        assert_eq!(parse_date("2022-11-29"), Some(DateRead::Exact(d)));
        assert_eq!(parse_date("2022-11-29T10:00:00Z"), Some(DateRead::Exact(d)));
        assert_eq!(
            parse_date("02.1.2025"),
            Some(DateRead::Exact(
                NaiveDate::from_ymd_opt(2025, 2, 1).unwrap()
            ))
        );
        assert_eq!(parse_date("01.321.2025"), None);
    }
}
