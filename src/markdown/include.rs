//! Includes: `[!include[title](path)]` alone on a line is a block include (the file is
//! rendered as Markdown in its place); inside text it is an inline include (the file is
//! rendered as inline content). Includes nest; the chain of files being rendered is kept
//! so a cycle is reported with the whole chain instead of recursing.
//!
//! Every include is rendered with the page's state: its headings and anchors belong to the
//! page, its links resolve relative to the included file, and its diagnostics point at
//! the line of the included file where the text is written.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::State;
use super::runs::{self, Holder, Spanned};
use crate::diag::Diagnostic;
use crate::path;
use crate::source::SourceFile;

/// Deeper chains than this are reported instead of rendered; real content nests a few
/// levels, and the limit keeps a long chain of distinct files from exhausting the stack.
const MAX_DEPTH: usize = 32;

/// An include as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syntax {
    /// Byte offset just after the closing `]`.
    pub end: usize,
    /// The link text.
    pub title: String,
    /// The path as written (escapes removed).
    pub path: String,
}

impl Syntax {
    /// The include as DocFX writes it back when it cannot be expanded.
    pub fn raw(&self) -> String {
        format!("[!include[{}]({})]", self.title, self.path)
    }
}

/// Reads `[!include[title](path "title")]` at `at`, with DocFX's rules: case-insensitive
/// keyword, `+` (block) or `-` (inline) allowed after it, escapes in title and path.
pub fn parse(src: &str, at: usize, block: bool) -> Option<Syntax> {
    let rest = src.get(at..)?;
    // Most `[` open links: the keyword is tested before the line is measured.
    if !runs::starts_with_ci(rest, "[!include") {
        return None;
    }
    let line_end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
    let line = &rest[..line_end];
    let b = line.as_bytes();
    let mut i = 9;
    if b.get(i) == Some(&if block { b'+' } else { b'-' }) {
        i += 1;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    // Title: up to the first unescaped `]`.
    let mut title = String::new();
    let mut escaped = false;
    loop {
        let c = line[i..].chars().next()?;
        i += c.len_utf8();
        if c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if c == ']' && !escaped {
            break;
        }
        title.push(c);
        escaped = false;
    }
    if b.get(i) != Some(&b'(') {
        return None;
    }
    i += 1;
    while b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let angle = b.get(i) == Some(&b'<');
    let (mut path, next) = until(line, i, if angle { &[')', '>'] } else { &[')'] }, true)?;
    i = next;
    if angle && path.starts_with('<') && b.get(i) == Some(&b'>') {
        path = path[1..].trim().to_owned();
    }
    if b.get(i) == Some(&b')') {
        i += 1;
    } else {
        // A title after the path, up to `)`.
        let (_, next) = until(line, i, &[')'], false)?;
        i = next + 1;
        if b.get(next) != Some(&b')') {
            return None;
        }
    }
    if b.get(i) != Some(&b']') {
        return None;
    }
    i += 1;
    if block && !line[i..].trim().is_empty() {
        return None;
    }
    Some(Syntax {
        end: at + i,
        title: title.trim().to_owned(),
        path,
    })
}

/// DocFX's `TryGetStringBeforeChars`: text up to one of `stops` (or whitespace), with
/// backslash escapes; `None` when the line ends first.
fn until(line: &str, from: usize, stops: &[char], break_on_ws: bool) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in line[from..].char_indices() {
        if (break_on_ws && c.is_whitespace()) || (!escaped && stops.contains(&c)) {
            return Some((out.trim().to_owned(), from + i));
        }
        if c == '\\' && !escaped {
            escaped = true;
        } else {
            out.push(c);
            escaped = false;
        }
    }
    None
}

/// The content-relative file an include path written in `dir` names; `None` when it
/// climbs above the content root.
pub fn target(dir: &str, written: &str) -> Option<String> {
    let p = path::percent_decode(path::split_anchor(written).0);
    match p.strip_prefix("~/") {
        Some(r) => path::join("", r.trim_start_matches(['/', '\\'])),
        None => path::join(dir, &p),
    }
}

/// Expands the includes of a document.
pub(crate) fn expand<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
    inline_doc: bool,
) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    if !contains_ci(src, "[!include") {
        return events;
    }
    runs::map_runs(events, |holder, start, inner, end, out| {
        if !may_hold_include(src, &inner) {
            out.extend(start);
            out.extend(inner);
            out.extend(end);
            return;
        }
        let holder = if inline_doc { Holder::Inline } else { holder };
        let lines = runs::lines(&inner);
        let mut blocks: Vec<Option<Vec<Spanned<'a>>>> = vec![None; lines.len()];
        if holder != Holder::Inline {
            for (i, line) in lines.iter().enumerate() {
                let Some(span) = runs::line_span(&inner, line) else {
                    continue;
                };
                if runs::escaped(src, span.start) {
                    continue;
                }
                let Some(syntax) = parse(src, span.start, true) else {
                    continue;
                };
                if !runs::can_cut_all(&inner[line.clone()], src) {
                    continue;
                }
                let html = include(st, file, span.start, &syntax, false);
                blocks[i] = Some(vec![(
                    Event::InlineHtml(CowStr::from(html)),
                    span.start..syntax.end,
                )]);
            }
        }
        let cuts = inline_cuts(st, file, &inner, &lines, &blocks);
        let inner = runs::splice(inner, src, cuts);
        if blocks.iter().all(Option::is_none) {
            out.extend(start);
            out.extend(inner);
            out.extend(end);
        } else {
            runs::rebuild(holder, start, inner, end, blocks, out);
        }
    })
}

/// Whether an include can start in the source of a run: every include of a run (block or
/// inline) starts with `[!` inside it and ends on that line, so a run whose source up to
/// the end of its last line has no `[!` is left as it is, without being taken apart.
fn may_hold_include(src: &str, inner: &[Spanned<'_>]) -> bool {
    let lo = inner.iter().map(|(_, r)| r.start).min();
    let hi = inner.iter().map(|(_, r)| r.end).max();
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return false;
    };
    let bytes = src.as_bytes();
    let hi = hi.min(bytes.len());
    let line_end = memchr::memchr(b'\n', &bytes[hi..]).map_or(bytes.len(), |i| hi + i);
    match bytes.get(lo..line_end) {
        Some(run) => memchr::memmem::find(run, b"[!").is_some(),
        // Not a plain range of this file: look at it the long way.
        None => true,
    }
}

/// The inline includes of a run, outside lines that became block includes.
fn inline_cuts<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    inner: &[Spanned<'a>],
    lines: &[Range<usize>],
    blocks: &[Option<Vec<Spanned<'a>>>],
) -> Vec<(Range<usize>, Vec<Spanned<'a>>)> {
    let src: &str = &file.text;
    let mut cuts = Vec::new();
    let mut after = 0;
    for (line, block) in lines.iter().zip(blocks) {
        if block.is_some() {
            continue;
        }
        for (e, r) in &inner[line.clone()] {
            let Event::Text(t) = e else { continue };
            if !runs::verbatim(src, t, r) {
                continue;
            }
            for (i, _) in t.match_indices('[') {
                let at = r.start + i;
                if at < after || runs::escaped(src, at) {
                    continue;
                }
                if let Some(syntax) = parse(src, at, false) {
                    let html = include(st, file, at, &syntax, true);
                    after = syntax.end;
                    cuts.push((
                        at..syntax.end,
                        vec![(Event::InlineHtml(CowStr::from(html)), at..syntax.end)],
                    ));
                }
            }
        }
    }
    cuts
}

/// Renders one include written at byte `at` of `file`; what cannot be included is
/// reported and written back as text.
fn include(
    st: &mut State<'_>,
    file: &SourceFile,
    at: usize,
    syntax: &Syntax,
    inline: bool,
) -> String {
    let pos = file.line_col(at);
    let fail = |st: &mut State<'_>, code: &'static str, message: String| {
        st.diagnostics.push(
            Diagnostic::error(code, &file.rel, pos, message).with_target(syntax.path.clone()),
        );
        super::html::escape(&syntax.raw())
    };
    if path::is_external(&syntax.path) {
        return fail(
            st,
            "missing-include",
            format!("include `{}` is not a file of the content", syntax.path),
        );
    }
    let Some(rel) = target(file.dir(), &syntax.path) else {
        return fail(
            st,
            "missing-include",
            format!("include `{}` climbs above the content root", syntax.path),
        );
    };
    let Some(inc) = st.ctx.resolve.file(&rel).cloned() else {
        return fail(
            st,
            "missing-include",
            format!("include {rel} does not exist"),
        );
    };
    st.depend(&rel);
    if st.stack.contains(&rel) {
        let mut chain = st.stack.join(" → ");
        chain.push_str(" → ");
        chain.push_str(&rel);
        return fail(
            st,
            "include-cycle",
            format!("includes form a cycle: {chain}"),
        );
    }
    if st.stack.len() > MAX_DEPTH {
        return fail(
            st,
            "include-cycle",
            format!(
                "includes nest deeper than {MAX_DEPTH} files: {}",
                st.stack.join(" → ")
            ),
        );
    }
    if !st.expand(file, at, inc.text.len()) {
        return super::html::escape(&syntax.raw());
    }
    let body = crate::frontmatter::split(&inc.text).body_offset;
    st.stack.push(rel);
    let html = super::document(st, &inc, body, inline);
    st.stack.pop();
    html
}

/// Case-insensitive substring test for an ASCII needle.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    runs::contains_ci_ascii(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn parses_docfx_include_syntax() {
        // A space ends the path, as in DocFX: `<b c.md>` reads as the path `<b`.
        assert_eq!(
            parse("[!include-[t](<b c.md>)]", 0, false).map(|s| s.path),
            Some("<b".into())
        );
        let s = parse("[!INCLUDE [t](a\\(x\\).md \"T\")] ", 0, true).unwrap();
        assert_eq!((s.title.as_str(), s.path.as_str()), ("t", "a(x).md"));
        assert!(parse("[!include[t](a.md) ]", 0, true).is_none());
        assert!(parse("[!include[t](a.md)] x", 0, true).is_none());
        assert!(parse("[!include[t](a.md)] x", 0, false).is_some());
        assert_eq!(
            parse("[!include-[t](<b.md>)]", 0, false).map(|s| s.path),
            Some("b.md".into())
        );
    }

    #[test]
    fn block_and_inline_includes_with_links_relative_to_the_include() {
        let files = Files::new(&[
            (
                "nl/includes/a.md",
                "<!-- markdownlint-disable -->\n## Uit A\n\n[B](../b.md)\n",
            ),
            ("nl/includes/t.md", "**vet**"),
            ("nl/b.md", "# B"),
        ]);
        let r = render_page(
            &files,
            "Intro\n[!include[a](includes/a.md)]\n\n1. [!include[t](includes/t.md)]. Verder\n",
        );
        assert!(
            r.html
                .contains("<p>Intro</p>\n<!-- markdownlint-disable -->"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"uit-a\">Uit A</h2>"));
        assert!(r.html.contains("<a href=\"b.html\">B</a>"), "{}", r.html);
        assert!(
            r.html.contains("<li><strong>vet</strong>. Verder</li>"),
            "{}",
            r.html
        );
        assert_eq!(r.includes, ["nl/includes/a.md", "nl/includes/t.md"]);
        assert_eq!(r.links[0].file, "nl/includes/a.md");
        assert_eq!(r.links[0].line, 4);
        assert!(r.headings.iter().any(|h| h.id == "uit-a"));
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn missing_outside_and_cyclic_includes_are_errors() {
        let files = Files::new(&[
            ("nl/a.md", "A [!include[b](b.md)]"),
            ("nl/b.md", "[!include[a](a.md)]"),
        ]);
        let r = render_page(
            &files,
            "x\n\n[!include[m](missing.md)]\n\n[!include[p](../../../../etc/passwd)]\n\n[!include[a](a.md)]\n",
        );
        let d: Vec<(&str, u32)> = r.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            d,
            [
                ("missing-include", 3),
                ("missing-include", 5),
                ("include-cycle", 1)
            ]
        );
        assert_eq!(r.diagnostics[2].file, "nl/b.md");
        assert!(
            r.diagnostics[2]
                .message
                .contains("nl/page.md → nl/a.md → nl/b.md → nl/a.md"),
            "{}",
            r.diagnostics[2].message
        );
        assert!(r.html.contains("[!include[m](missing.md)]"));
    }

    /// A file that includes the next one twice, 24 levels deep, would expand 2^24 times:
    /// the page budget stops it, once, with an error that names the page.
    #[test]
    fn includes_that_fan_out_stop_at_the_page_budget() {
        let texts: Vec<(String, String)> = (0..24)
            .map(|i| {
                let next = format!("[!include[n](f{}.md)]", i + 1);
                (format!("nl/f{i}.md"), format!("{i}\n\n{next}\n\n{next}\n"))
            })
            .chain([("nl/f24.md".to_owned(), "leaf\n".to_owned())])
            .collect();
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(r, t)| (r.as_str(), t.as_str()))
            .collect();
        let files = Files::new(&refs);
        let started = std::time::Instant::now();
        let r = render_page(&files, "[!include[f](f0.md)]\n");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        let limits: Vec<&Diagnostic> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == "include-limit")
            .collect();
        assert_eq!(limits.len(), 1, "{:?}", r.diagnostics);
        assert!(
            limits[0]
                .message
                .starts_with("nl/page.md expands more than 1000")
        );
        assert!(r.html.matches("leaf").count() > 0);
        assert!(r.html.len() < 1 << 20, "{} bytes", r.html.len());
    }
}
