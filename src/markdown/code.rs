//! Code: fenced blocks (`lang-x` class, `-interactive` languages, server-side highlighting)
//! and code snippets `[!code-lang[name](path?range=…&highlight=…#tag "title")]`, which pull
//! lines of a file of the content: a `#L3-L9` range, `start`/`end`, `range=1-3,7-`, a tag
//! (`// <tag>`, `#region tag`, `<!-- <tag> -->` and the other comment styles DocFX knows)
//! or a notebook cell, dedented like DocFX does.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::html::{escape, escape_into};
use super::runs::{self, Holder, Spanned};
use super::{State, highlight};
use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// A `[!code…]` line as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// `-lang` after `[!code`.
    pub language: Option<String>,
    /// The link text.
    pub name: String,
    /// The file path.
    pub path: String,
    /// `?name=` or `#tag`.
    pub tag: Option<String>,
    /// `#L3-L9`.
    pub bookmark: Option<(usize, usize)>,
    /// `?start=&end=`.
    pub start_end: Option<(usize, usize)>,
    /// `?range=`.
    pub ranges: Option<Vec<(usize, usize)>>,
    /// `?highlight=` as written.
    pub highlight: Option<String>,
    /// `?dedent=`.
    pub dedent: Option<i64>,
    /// The quoted title.
    pub title: Option<String>,
    /// `[!notebook-…]`.
    pub notebook: bool,
}

/// Reads a code snippet line (`[!code…]` or `[!notebook…]` and nothing else).
pub fn parse(line: &str) -> Option<Snippet> {
    let mut s = Snippet::default();
    let rest = if runs::starts_with_ci(line, "[!code") {
        &line[6..]
    } else if runs::starts_with_ci(line, "[!notebook") {
        s.notebook = true;
        &line[10..]
    } else {
        return None;
    };
    let mut chars = rest.char_indices().peekable();
    let mut i = 0;
    if rest.starts_with('-') {
        let end = rest.find('[')?;
        s.language = Some(rest[1..end].trim().to_owned());
        i = end;
    }
    let rest = &rest[i..];
    let _ = chars.peek();
    let rest = rest.strip_prefix('[')?;
    let (name, after) = escaped_until(rest, |c| c == ']')?;
    s.name = name.trim().to_owned();
    let rest = after[1..].trim_start();
    let rest = rest.strip_prefix('(')?;
    // The path runs to `#`, `?`, `"` or an unmatched `)`.
    let mut path = String::new();
    let mut depth = 0;
    let mut escaped = false;
    let mut end = rest.len();
    for (j, c) in rest.char_indices() {
        if escaped {
            path.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '#' | '?' | '"' => {
                end = j;
                break;
            }
            ')' if depth == 0 => {
                end = j;
                break;
            }
            '(' => {
                depth += 1;
                path.push(c);
            }
            ')' => {
                depth -= 1;
                path.push(c);
            }
            _ => path.push(c),
        }
    }
    s.path = path.trim().to_owned();
    let mut rest = &rest[end..];
    if let Some(q) = rest.strip_prefix('?') {
        let stop = q.find(['"', ')', '#']).unwrap_or(q.len());
        query(q[..stop].trim(), &mut s);
        rest = &q[stop..];
    }
    if let Some(b) = rest.strip_prefix('#') {
        let stop = b.find(['"', ')']).unwrap_or(b.len());
        let value = b[..stop].trim();
        match line_range(value, true) {
            Some(r) => s.bookmark = Some(r),
            None => s.tag = Some(value.to_owned()),
        }
        rest = &b[stop..];
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix('"') {
        Some(t) => {
            let (title, after) = escaped_until(t, |c| c == '"')?;
            s.title = Some(title.trim().to_owned());
            &after[1..]
        }
        None => rest,
    };
    let rest = rest.trim_start().strip_prefix(')')?;
    let rest = rest.trim_start().strip_prefix(']')?;
    rest.trim().is_empty().then_some(s)
}

/// Text up to the first unescaped char matching `stop`; the rest starts at that char.
fn escaped_until(s: &str, stop: impl Fn(char) -> bool) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if stop(c) && !escaped {
            return Some((out, &s[i..]));
        }
        out.push(c);
        escaped = false;
    }
    None
}

fn query(q: &str, s: &mut Snippet) {
    let (mut start, mut end) = (None, None);
    for item in q.split('&') {
        let Some((k, v)) = item.split_once('=') else {
            return;
        };
        match k.to_ascii_lowercase().as_str() {
            "name" => s.tag = Some(v.to_owned()),
            "start" => {
                start = v.parse().ok();
                end = start;
            }
            "end" => end = v.parse().ok(),
            "range" => s.ranges = line_ranges(v),
            "highlight" => {
                s.highlight = line_ranges(v).map(|r| {
                    r.iter()
                        .map(|&(a, b)| match (a, b) {
                            _ if a == b => a.to_string(),
                            (_, usize::MAX) => format!("{a}-"),
                            _ => format!("{a}-{b}"),
                        })
                        .collect::<Vec<_>>()
                        .join(",")
                })
            }
            "dedent" => s.dedent = v.parse().ok(),
            _ => return,
        }
    }
    if let (Some(a), Some(b)) = (start, end) {
        s.start_end = Some((a, b));
    }
}

/// `L3-L9`, `3-9`, `3-`, `3`: 1-based inclusive; an open end is `usize::MAX`.
pub fn line_range(q: &str, with_l: bool) -> Option<(usize, usize)> {
    let q = q.trim();
    if q.is_empty() {
        return None;
    }
    let num = |s: &str| -> Option<usize> {
        let s = s.trim();
        if s.is_empty() {
            return Some(usize::MAX);
        }
        let s = if with_l {
            s.strip_prefix(['L', 'l']).filter(|s| !s.is_empty())?
        } else {
            s
        };
        s.parse().ok()
    };
    let mut parts = q.split('-');
    let a = num(parts.next()?)?;
    let b = match parts.next() {
        Some(p) => num(p)?,
        None => a,
    };
    parts.next().is_none().then_some((a, b))
}

/// `1-3,7,9-`.
pub fn line_ranges(q: &str) -> Option<Vec<(usize, usize)>> {
    q.split(',').map(|r| line_range(r, false)).collect()
}

/// Comment templates per language family: start, end, whether the end names the tag.
const C_FAMILY: (&str, &str, bool) = ("//<{}>", "//</{}>", true);
const CS_REGION: (&str, &str, bool) = ("#region{}", "#endregion", false);
const BASIC: (&str, &str, bool) = ("'<{}>", "'</{}>", true);
const MARKUP: (&str, &str, bool) = ("<!--<{}>-->", "<!--</{}>-->", true);
const SQL: (&str, &str, bool) = ("--<{}>", "--</{}>", true);
const SCRIPT: (&str, &str, bool) = ("#<{}>", "#</{}>", true);
const BATCH: (&str, &str, bool) = ("rem<{}>", "rem</{}>", true);
const ERLANG: (&str, &str, bool) = ("%<{}>", "%</{}>", true);
const LISP: (&str, &str, bool) = (";<{}>", ";</{}>", true);
const CSS: (&str, &str, bool) = ("/*<{}>*/", "/*</{}>*/", false);

/// Languages DocFX knows, with their aliases (file extensions included).
const LANGUAGES: &[(&str, &[&str])] = &[
    ("actionscript", &["as"]),
    ("arduino", &["ino"]),
    ("assembly", &["nasm", "asm"]),
    ("batchfile", &["bat", "cmd"]),
    ("css", &[]),
    (
        "cpp",
        &[
            "c",
            "c++",
            "objective-c",
            "obj-c",
            "objc",
            "objectivec",
            "h",
            "hpp",
            "cc",
            "m",
        ],
    ),
    ("csharp", &["cs"]),
    ("cuda", &["cu", "cuh"]),
    ("d", &["dlang"]),
    ("everything", &["example"]),
    ("erlang", &["erl"]),
    ("fsharp", &["fs", "fsi", "fsx"]),
    ("go", &["golang"]),
    ("handlebars", &["hbs"]),
    ("haskell", &["hs"]),
    ("html", &["jsp", "asp", "aspx", "ascx"]),
    ("cshtml", &["aspx-cs", "aspx-csharp"]),
    ("vbhtml", &["aspx-vb"]),
    ("java", &["gradle"]),
    ("javascript", &["js", "node", "json"]),
    ("lisp", &["lsp"]),
    ("lua", &[]),
    ("matlab", &[]),
    ("pascal", &["pas"]),
    ("perl", &["pl"]),
    ("php", &[]),
    ("powershell", &["posh", "ps1"]),
    ("processing", &["pde"]),
    ("python", &["py"]),
    ("r", &[]),
    ("react", &["tsx"]),
    ("ruby", &["ru", "erb", "rb", ""]),
    ("rust", &["rs"]),
    ("scala", &[]),
    ("shell", &["sh", "bash"]),
    ("smalltalk", &["st"]),
    ("sql", &[]),
    ("swift", &[]),
    ("typescript", &["ts"]),
    ("xaml", &[]),
    ("xml", &["xsl", "xslt", "xsd", "wsdl", "csdl", "edmx"]),
    ("vb", &["vbnet", "vbscript", "bas", "vbs", "vba"]),
];

/// The language DocFX names for a language or alias (`cs` → `csharp`), or for a file
/// extension with its dot (`.cs`).
pub fn language_of(name: &str) -> Option<&'static str> {
    let name = name.strip_prefix('.').unwrap_or(name);
    LANGUAGES
        .iter()
        .find(|(l, aliases)| *l == name || aliases.contains(&name))
        .map(|(l, _)| *l)
}

/// The comment templates that mark tags in a language (DocFX's extractor table).
fn extractors(language: &str) -> Option<Vec<(&'static str, &'static str, bool)>> {
    let lang = language_of(language)?;
    let mut out = Vec::new();
    let mut add = |langs: &[&str], t| {
        if langs.contains(&lang) {
            out.push(t);
        }
    };
    add(&["vb", "vbhtml"], BASIC);
    add(
        &[
            "actionscript",
            "arduino",
            "assembly",
            "cpp",
            "csharp",
            "cshtml",
            "cuda",
            "d",
            "fsharp",
            "go",
            "java",
            "javascript",
            "objectivec",
            "pascal",
            "php",
            "processing",
            "react",
            "rust",
            "scala",
            "smalltalk",
            "swift",
            "typescript",
        ],
        C_FAMILY,
    );
    add(
        &[
            "xml",
            "xaml",
            "handlebars",
            "html",
            "cshtml",
            "php",
            "react",
            "ruby",
            "vbhtml",
        ],
        MARKUP,
    );
    add(&["haskell", "lua", "sql"], SQL);
    add(
        &["perl", "powershell", "python", "r", "ruby", "shell"],
        SCRIPT,
    );
    add(&["batchfile"], BATCH);
    add(&["csharp", "cshtml"], CS_REGION);
    add(&["erlang", "matlab"], ERLANG);
    add(&["lisp"], LISP);
    add(&["vb", "vbhtml"], CS_REGION);
    add(&["css"], CSS);
    (!out.is_empty()).then_some(out)
}

const ALL_EXTRACTORS: [(&str, &str, bool); 10] = [
    BASIC, C_FAMILY, MARKUP, SQL, SCRIPT, BATCH, CS_REGION, ERLANG, LISP, CSS,
];

/// Matches a tag line against a template (whitespace in the line is ignored around the
/// fixed parts); returns the lower-cased tag name.
fn match_tag(line: &str, template: &str, names_tag: bool) -> Option<String> {
    let (before, after) = template.split_once("{}").unwrap_or((template, ""));
    let chars: Vec<char> = line.chars().collect();
    let mut col = 0;
    let mut idx = 0;
    let before: Vec<char> = before.chars().collect();
    while col < chars.len() && idx < before.len() {
        if !chars[col].is_whitespace() {
            if chars[col].to_lowercase().next() != Some(before[idx]) {
                return None;
            }
            idx += 1;
        }
        col += 1;
    }
    if idx != before.len() {
        return None;
    }
    let after: Vec<char> = after.chars().collect();
    let mut name = String::new();
    while col < chars.len() && after.first().is_none_or(|a| chars[col] != *a) {
        name.push(chars[col]);
        col += 1;
    }
    let name = name.trim().to_lowercase();
    let mut idx = 0;
    while col < chars.len() && idx < after.len() {
        if !chars[col].is_whitespace() {
            if chars[col].to_lowercase().next() != Some(after[idx]) {
                return None;
            }
            idx += 1;
        }
        col += 1;
    }
    if idx != after.len() || chars[col..].iter().any(|c| !c.is_whitespace()) {
        return None;
    }
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-');
    (!names_tag || valid).then_some(name)
}

/// Every tag of `lines` for one template pair: name → (first line, end line), 0-based
/// end exclusive, plus the tag lines themselves.
#[allow(clippy::type_complexity, reason = "a private pair read once")]
fn tags(
    lines: &[&str],
    (start, end, names): (&str, &str, bool),
) -> (BTreeMap<String, (usize, usize)>, Vec<usize>) {
    let mut found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut tag_lines = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(name) = match_tag(line, end, names) {
            tag_lines.push(i);
            let name = if names {
                name
            } else {
                stack.pop().unwrap_or_default()
            };
            if let Some(r) = found.get_mut(&name)
                && r.1 == 0
            {
                r.1 = i;
            }
            continue;
        }
        if let Some(name) = match_tag(line, start, true) {
            tag_lines.push(i);
            found.insert(name.clone(), (i + 1, 0));
            stack.push(name);
        }
    }
    (found, tag_lines)
}

/// DocFX's `GetCodeLines`: the lines of the ranges (1-based inclusive), tag lines left
/// out, tabs expanded in the indentation, dedented by `dedent` or the common indent.
fn code_lines(
    all: &[&str],
    ranges: &[(usize, usize)],
    skip: &[usize],
    dedent: Option<i64>,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut common = usize::MAX;
    for &(start, end) in ranges {
        let from = start.saturating_sub(1);
        let to = end.min(all.len());
        for (n, line) in all.iter().enumerate().take(to).skip(from) {
            if skip.contains(&n) {
                continue;
            }
            if line.is_empty() {
                lines.push(String::new());
                continue;
            }
            let mut expanded = String::new();
            let mut count = 0;
            let mut rest = "";
            for (i, c) in line.char_indices() {
                match c {
                    ' ' => {
                        expanded.push(' ');
                        count += 1;
                    }
                    '\t' => {
                        let next = (count + 4) & !3;
                        expanded.extend(std::iter::repeat_n(' ', next - count));
                        count = next;
                    }
                    _ => {
                        rest = &line[i..];
                        break;
                    }
                }
            }
            if rest.is_empty() && count == line.len() {
                // A line of only spaces keeps its spaces.
            }
            common = common.min(count);
            expanded.push_str(rest);
            lines.push(expanded);
        }
    }
    let dedent = match dedent {
        Some(d) if d >= 0 => d as usize,
        _ => common,
    };
    let mut out = String::new();
    for line in lines {
        let cut = line
            .char_indices()
            .take(dedent)
            .find(|(_, c)| *c != ' ')
            .map_or(dedent.min(line.len()), |(i, _)| i);
        out.push_str(&line[cut..]);
        out.push('\n');
    }
    out
}

/// The code a tag names, with DocFX's lookup: the tag, then `snippet` + tag.
fn by_tag(all: &[&str], language: &str, tag: &str, dedent: Option<i64>) -> Option<String> {
    let templates = extractors(language).unwrap_or_else(|| ALL_EXTRACTORS.to_vec());
    let tag = tag.to_lowercase();
    for t in templates {
        let (found, tag_lines) = tags(all, t);
        if let Some(&(start, end)) = found
            .get(&tag)
            .or_else(|| found.get(&format!("snippet{tag}")))
        {
            let end = if end == 0 { all.len() } else { end };
            return Some(code_lines(all, &[(start + 1, end)], &tag_lines, dedent));
        }
    }
    None
}

/// The lines a snippet selects from `content` (priority: tag, `#L`, start/end, range).
pub fn select(s: &Snippet, content: &str, path: &str) -> Result<String, (&'static str, String)> {
    if s.notebook {
        return notebook(content, s.tag.as_deref().unwrap_or(""));
    }
    let all: Vec<&str> = content.lines().collect();
    if let Some(tag) = &s.tag {
        let lang = s.language.clone().unwrap_or_else(|| {
            path.rsplit_once('.')
                .map_or(String::new(), |(_, e)| format!(".{e}"))
        });
        return Ok(by_tag(&all, &lang, tag, s.dedent).unwrap_or_default());
    }
    let ranges = if let Some(r) = s.bookmark {
        vec![r]
    } else if let Some(r) = s.start_end {
        vec![r]
    } else if let Some(r) = &s.ranges {
        r.clone()
    } else {
        vec![(1, all.len())]
    };
    Ok(code_lines(&all, &ranges, &[], s.dedent))
}

/// The source of the notebook cell whose `metadata.name` is `tag`.
fn notebook(content: &str, tag: &str) -> Result<String, (&'static str, String)> {
    let value: serde_json::Value = serde_json::from_str(content)
        .map_err(|e| ("not-notebook-content", format!("not a valid notebook: {e}")))?;
    let cells: Vec<&serde_json::Value> = value
        .get("cells")
        .and_then(|c| c.as_array())
        .map(|cells| {
            cells
                .iter()
                .filter(|c| c.pointer("/metadata/name").and_then(|n| n.as_str()) == Some(tag))
                .collect()
        })
        .unwrap_or_default();
    match cells.as_slice() {
        [] => Err((
            "tag-not-found",
            format!("the notebook has no cell named `{tag}`"),
        )),
        [cell] => Ok(cell
            .get("source")
            .and_then(|s| s.as_array())
            .map(|lines| lines.iter().filter_map(|l| l.as_str()).collect())
            .unwrap_or_default()),
        _ => Err((
            "multiple-tags-with-same-name",
            format!("the notebook has several cells named `{tag}`"),
        )),
    }
}

/// Replaces code snippet lines with their code.
pub(crate) fn snippets<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    if !super::include::contains_ci(src, "[!code")
        && !super::include::contains_ci(src, "[!notebook")
        && !super::runs::contains(src, ":::")
    {
        return events;
    }
    runs::map_runs(events, |holder, start, inner, end, out| {
        if holder == Holder::Inline {
            out.extend(start);
            out.extend(inner);
            out.extend(end);
            return;
        }
        let lines = runs::lines(&inner);
        let mut blocks: Vec<Option<Vec<Spanned<'a>>>> = vec![None; lines.len()];
        for (i, line) in lines.iter().enumerate() {
            let Some(span) = runs::line_span(&inner, line) else {
                continue;
            };
            let Some(text) = src.get(span.clone()) else {
                continue;
            };
            if runs::escaped(src, span.start) {
                continue;
            }
            if !runs::can_cut_all(&inner[line.clone()], src) {
                continue;
            }
            let html = if let Some(snippet) = parse(text.trim_end()) {
                render_snippet(st, file, span.start, &snippet)
            } else if let Some(html) = colon_code(st, file, span.start, text.trim_end()) {
                html
            } else {
                continue;
            };
            blocks[i] = Some(vec![(Event::InlineHtml(CowStr::from(html)), span)]);
        }
        runs::rebuild(holder, start, inner, end, blocks, out);
    })
}

fn render_snippet(st: &mut State<'_>, file: &SourceFile, at: usize, s: &Snippet) -> String {
    let pos = file.line_col(at);
    let rel = super::include::target(file.dir(), &s.path);
    let content = rel.as_deref().and_then(|r| st.ctx.resolve.file(r).cloned());
    let Some(content) = content else {
        st.diagnostics.push(
            Diagnostic::error(
                "codesnippet-not-found",
                &file.rel,
                pos,
                format!("code snippet file `{}` does not exist", s.path),
            )
            .with_target(s.path.clone()),
        );
        return not_found(st);
    };
    if let Some(r) = &rel {
        st.depend(r);
    }
    let code = match select(s, &content.text, &s.path) {
        Ok(c) => c,
        Err((code, message)) => {
            st.diagnostics
                .push(Diagnostic::error(code, &file.rel, pos, message).with_target(s.path.clone()));
            String::new()
        }
    };
    if !st.expand(file, at, code.len()) {
        return String::new();
    }
    let (language, interactive) = match s.language.as_deref() {
        Some(l) => match l.strip_suffix("-interactive") {
            Some(base) => (base, true),
            None => (l, false),
        },
        None => ("", false),
    };
    let mut html = String::from("<pre><code");
    if !language.is_empty() {
        let _ = write!(html, " class=\"lang-{}\"", escape(language));
    }
    html.push_str(&super::source_attrs(st, file, at));
    if interactive {
        let _ = write!(html, " data-interactive=\"{}\"", escape(language));
    }
    if !s.name.is_empty() {
        let _ = write!(html, " name=\"{}\"", escape(&s.name));
    }
    if let Some(t) = s.title.as_deref().filter(|t| !t.is_empty()) {
        let _ = write!(html, " title=\"{}\"", escape(t));
    }
    if let Some(h) = s.highlight.as_deref().filter(|h| !h.is_empty()) {
        let _ = write!(html, " highlight-lines=\"{}\"", escape(h));
    }
    html.push('>');
    let hl_lang = if language.is_empty() {
        s.path.rsplit_once('.').map_or("", |(_, e)| e)
    } else {
        language
    };
    code_body(st, hl_lang, &code, &mut html);
    html.push_str("</code></pre>");
    html
}

/// `:::code source="…" range="…" id="…" language="…" highlight="…" interactive="…":::`
/// on a line of its own; `None` when the line is not one (or is invalid, reported).
fn colon_code(st: &mut State<'_>, file: &SourceFile, at: usize, line: &str) -> Option<String> {
    let rest = line.strip_prefix(":::")?.trim_start();
    let rest = rest.strip_prefix("code")?;
    if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let pos = file.line_col(at);
    let report = |st: &mut State<'_>, message: String| {
        st.diagnostics
            .push(Diagnostic::warning("invalid-code", &file.rel, pos, message));
    };
    let (attrs, used) = match super::blocks::attributes(rest, true) {
        Ok(a) => a,
        Err(e) => {
            report(st, e);
            return None;
        }
    };
    if !rest[..used].ends_with(":::") || !rest[used..].trim().is_empty() {
        return None;
    }
    let get = |k: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    if let Some((name, _)) = attrs.iter().find(|(n, _)| {
        ![
            "source",
            "range",
            "id",
            "highlight",
            "language",
            "interactive",
        ]
        .contains(&n.as_str())
    }) {
        report(st, format!("unexpected attribute `{name}` on :::code"));
        return None;
    }
    let Some(source) = get("source") else {
        report(st, ":::code needs a source attribute".into());
        return None;
    };
    let ext = source.rsplit_once('.').map_or("", |(_, e)| e);
    let language = match get("language") {
        Some(l) => l.to_owned(),
        None => match language_of(ext) {
            Some(l) => l.to_owned(),
            None => {
                report(
                    st,
                    format!("cannot tell the language of `{source}`; add a language attribute"),
                );
                String::new()
            }
        },
    };
    let rel = super::include::target(file.dir(), source);
    let content = rel.as_deref().and_then(|r| st.ctx.resolve.file(r).cloned());
    if let Some(r) = &rel
        && content.is_some()
    {
        st.depend(r);
    }
    let Some(content) = content.filter(|c| !c.text.is_empty()) else {
        report(st, format!("code file `{source}` does not exist"));
        return None;
    };
    let snippet = Snippet {
        tag: get("id").map(str::to_owned),
        ranges: get("range").and_then(line_ranges),
        language: None,
        ..Snippet::default()
    };
    let code = select(&snippet, &content.text, source).unwrap_or_default();
    let code = code.trim_end();
    if code.is_empty() {
        report(st, format!("the code selected from `{source}` is empty"));
        return None;
    }
    if !st.expand(file, at, code.len()) {
        return Some(String::new());
    }
    let mut html = format!("<pre>\n<code class=\"lang-{}\"", escape(&language));
    if let Some(i) = get("interactive") {
        let _ = write!(
            html,
            " data-interactive=\"{}\" data-interactive-mode=\"{}\"",
            escape(&language),
            escape(i)
        );
    }
    if let Some(h) = get("highlight") {
        let _ = write!(html, " highlight-lines=\"{}\"", escape(h));
    }
    html.push_str(&super::source_attrs(st, file, at));
    html.push('>');
    if let Some(h) = highlight_within_budget(st, &language, code) {
        html.push_str(&h);
    } else {
        escape_docfx(code, &mut html);
    }
    html.push_str("\n</code></pre>\n");
    Some(html)
}

/// DocFX's `ExtensionsHelper.Escape`: like HTML escaping, but `'` too, and an `&` that
/// starts an entity is kept.
fn escape_docfx(text: &str, out: &mut String) {
    for (i, c) in text.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '&' => {
                let rest = &text[i + 1..];
                let body = rest.strip_prefix('#').unwrap_or(rest);
                let word = body
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(body.len());
                if word > 0 && body[word..].starts_with(';') {
                    out.push('&');
                } else {
                    out.push_str("&amp;");
                }
            }
            _ => out.push(c),
        }
    }
}

/// The warning DocFX writes in place of a snippet whose file is missing.
fn not_found(st: &State<'_>) -> String {
    let title = super::alerts::heading(st, "WARNING");
    let message = st.ctx.locale.strings.get("code_not_found").map_or(
        "It looks like the sample you are looking for does not exist.",
        String::as_str,
    );
    format!(
        "<div class=\"WARNING\">\n<h5>{}</h5>\n<p>{}</p>\n</div>",
        escape(&title),
        escape(message)
    )
}

/// Escaped or highlighted code.
pub(crate) fn code_body(st: &mut State<'_>, language: &str, code: &str, out: &mut String) {
    if let Some(h) = highlight_within_budget(st, language, code) {
        out.push_str(&h);
        return;
    }
    escape_into(out, code);
}

/// Bytes of code one page may have highlighted; code after that is escaped only. syntect
/// reads well under a MB of code a second, so a page of 20 MB of code blocks would hold a
/// build up for a minute. Real pages have a few KB of code.
const MAX_HIGHLIGHTED: usize = 512 << 10;

/// `code` highlighted when highlighting is on, its language has a grammar and the page
/// is within [`MAX_HIGHLIGHTED`] (reported once when it is not).
pub(crate) fn highlight_within_budget(
    st: &mut State<'_>,
    language: &str,
    code: &str,
) -> Option<String> {
    if !st.opts.highlight || !highlight::supports(language) {
        return None;
    }
    st.highlighted = st.highlighted.saturating_add(code.len());
    if st.highlighted > MAX_HIGHLIGHTED {
        if !st.highlight_limit_reported {
            st.highlight_limit_reported = true;
            st.diagnostics.push(Diagnostic::new(
                crate::diag::Severity::Info,
                "highlight-limit",
                &st.stack[0],
                (0, 0),
                format!(
                    "the page has more than {} KB of code; code blocks past that are not highlighted",
                    MAX_HIGHLIGHTED >> 10
                ),
            ));
        }
        return None;
    }
    highlight::highlight(language, code)
}

/// Fenced code: `-interactive` languages and highlighting.
pub(crate) fn fences<'a>(st: &mut State<'_>, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_)))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event else {
            out.push((event, range));
            continue;
        };
        let lang = info.split_whitespace().next().unwrap_or("").to_owned();
        let interactive = lang.strip_suffix("-interactive").map(str::to_owned);
        let wants_highlight = st.opts.highlight && highlight::supports(&lang);
        if interactive.is_none() && !wants_highlight {
            out.push((event, range));
            continue;
        }
        let mut code = String::new();
        let mut end = range.clone();
        for (e, r) in iter.by_ref() {
            match e {
                Event::End(TagEnd::CodeBlock) => {
                    end = r;
                    break;
                }
                Event::Text(t) => code.push_str(&t),
                _ => {}
            }
        }
        let shown = interactive.as_deref().unwrap_or(&lang);
        let mut html = String::from("<pre><code");
        let _ = write!(html, " class=\"lang-{}\"", escape(shown));
        if let Some(i) = &interactive {
            let _ = write!(html, " data-interactive=\"{}\"", escape(i));
        }
        html.push('>');
        code_body(st, shown, &code, &mut html);
        html.push_str("</code></pre>\n");
        out.extend(super::block_html(html, range.start));
        let _ = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    const PROGRAM: &str = "namespace A\n{\n    // <main>\n    class P\n    {\n    }\n    // </main>\n    #region Helper\n    int x;\n    #endregion\n}\n";

    /// 20 MB of code blocks took syntect many seconds: past the page's budget code is
    /// escaped only, and the page is told once.
    #[test]
    fn highlighting_stops_at_the_page_budget() {
        let block = format!("```csharp\n{}```\n\n", "var x = \"<s>\";\n".repeat(1024));
        let page = block.repeat(MAX_HIGHLIGHTED / (block.len() - 20) + 2);
        let r = render_page(&Files::default(), &page);
        let notes: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == "highlight-limit")
            .collect();
        assert_eq!(notes.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(notes[0].file, "nl/page.md");
        assert!(r.html.contains("<span class=\"hl-"));
        // The last block is escaped, not highlighted.
        let last = &r.html[r.html.rfind("<pre>").unwrap()..];
        assert!(!last.contains("<span"), "{}", &last[..200]);
        assert!(last.contains("&lt;s&gt;"));
    }

    #[test]
    fn snippet_syntax() {
        let s = parse("[!code-csharp[Main](Program.cs?start=1&end=3&highlight=1#L2-L3 \"T\")]")
            .unwrap();
        assert_eq!(s.language.as_deref(), Some("csharp"));
        assert_eq!(s.bookmark, Some((2, 3)));
        assert_eq!(s.start_end, Some((1, 3)));
        assert_eq!(s.title.as_deref(), Some("T"));
        assert!(parse("text [!code[a](b.cs)]").is_none());
    }

    #[test]
    fn tags_regions_and_ranges() {
        let tag = |t: &str| {
            select(
                &Snippet {
                    tag: Some(t.into()),
                    ..Snippet::default()
                },
                PROGRAM,
                "p.cs",
            )
            .unwrap()
        };
        assert_eq!(tag("main"), "class P\n{\n}\n");
        assert_eq!(tag("Helper"), "int x;\n");
        let r = select(
            &Snippet {
                bookmark: Some((4, 5)),
                ..Snippet::default()
            },
            PROGRAM,
            "p.cs",
        )
        .unwrap();
        assert_eq!(r, "class P\n{\n");
    }

    #[test]
    fn snippets_render_and_report_missing_files() {
        let files = Files::new(&[("nl/p.cs", PROGRAM)]);
        let r = render_page(
            &files,
            "[!code-csharp[Main](p.cs#main)]\n\n[!code[x](nope.cs)]\n",
        );
        assert!(
            r.html
                .contains("<pre><code class=\"lang-csharp\" name=\"Main\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<div class=\"WARNING\">"));
        assert_eq!(r.diagnostics[0].code, "codesnippet-not-found");
        assert_eq!(r.diagnostics[0].line, 3);
        assert_eq!(r.includes, ["nl/p.cs"]);
    }
}
