//! Markdown to HTML: pulldown-cmark plus the DocFX dialect, as small passes over events.
//!
//! The entry point is [`render`]. It is pure: files come from a [`Resolve`] implementation
//! (the site index in a build, an in-memory set in tests), and every problem becomes a
//! diagnostic in the returned [`Rendered`].

pub mod alerts;
pub mod anchors;
pub mod autolink;
pub mod blocks;
pub mod code;
pub mod emoji;
pub mod highlight;
pub mod html;
pub mod include;
pub mod links;
pub mod math;
pub mod media;
pub mod runs;
pub mod tables;
pub mod tabs;
pub mod xref;

use std::collections::BTreeMap;
use std::sync::Arc;

use pulldown_cmark::{Event, Options as ParserOptions, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::i18n::Locale;
use crate::source::SourceFile;

pub use links::{Link, LinkKind, Target};
use runs::Spanned;

/// What the Markdown stage needs to know about the rest of the site.
pub trait Resolve: Sync {
    /// The site URL of the page whose source is `rel` (`nl/a.md` → `nl/a.html`), if it is a page.
    fn page_url(&self, rel: &str) -> Option<&str>;
    /// The URL a page at `rel` would have; used to rewrite links to pages that do not exist.
    fn would_be_url(&self, rel: &str) -> String;
    /// The site URL and title of the page with this uid.
    fn uid(&self, uid: &str) -> Option<(&str, &str)>;
    /// A text file of the content (include targets, code snippets).
    fn file(&self, rel: &str) -> Option<&Arc<SourceFile>>;
}

/// The pulldown-cmark extensions of the dialect (SPEC §3).
pub fn parser_options() -> ParserOptions {
    ParserOptions::ENABLE_TABLES
        | ParserOptions::ENABLE_FOOTNOTES
        | ParserOptions::ENABLE_STRIKETHROUGH
        | ParserOptions::ENABLE_TASKLISTS
        | ParserOptions::ENABLE_HEADING_ATTRIBUTES
}

/// Everything one render needs besides the source.
pub struct Ctx<'a> {
    /// Site lookups.
    pub resolve: &'a dyn Resolve,
    /// UI strings of the page's language (alert titles).
    pub locale: &'a Locale,
    /// Site URL of the page being rendered, for relative links.
    pub page_url: &'a str,
}

/// How link and image destinations are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkStyle {
    /// Site output: `.md` targets become page URLs relative to the page, xrefs resolve.
    Site,
    /// DocFX's markup stage: destinations stay as written, xrefs become `<xref>` elements.
    AsWritten,
    /// Like [`LinkStyle::AsWritten`], but relative links inside an included file are
    /// rebased to `~/<folder of the include>/…` (DocFX's `MarkdigMarkdownService`).
    RebaseIncludes,
}

/// How headings get their ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingIds {
    /// GitHub's slugs, DocFX's default: `a-b--c`.
    GitHub,
    /// Markdig's own `AutoIdentifiers` default: punctuation runs collapse, `.` stays.
    Markdig,
}

/// Render settings. [`Options::default`] is what a site build uses; the DocFX
/// conformance test switches off what DocFX's markup stage does not do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Highlight fenced code on the server (CSS classes); DocFX leaves `<code class="lang-x">`.
    pub highlight: bool,
    /// DocFX's `sourceFile`/`sourceStartLineNumber` attributes on every element.
    pub source_info: bool,
    /// How destinations are written.
    pub links: LinkStyle,
    /// Heading id style.
    pub heading_ids: HeadingIds,
    /// Table columns: GFM's header width (true) or Markdig's widest row (false, DocFX).
    pub header_columns: bool,
    /// Extra alert names and their CSS class (DocFX `notes`); upper-case keys.
    pub notes: BTreeMap<String, String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            highlight: true,
            source_info: false,
            links: LinkStyle::Site,
            heading_ids: HeadingIds::GitHub,
            header_columns: false,
            notes: BTreeMap::new(),
        }
    }
}

/// A heading of the page, for "on this page" and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute.
    pub id: String,
    /// Plain text of the heading.
    pub text: String,
}

/// The result of rendering one page.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Body HTML.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Every id a link can target: headings, raw `<a id|name>`, tab panels.
    pub anchors: Vec<String>,
    /// Every reference written in the page and its includes, with its location.
    pub links: Vec<Link>,
    /// Content-relative paths of every included file and code snippet source, in order of
    /// first use (for rebuild tracking).
    pub includes: Vec<String>,
    /// Problems found while rendering.
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders the Markdown `body` of `file`, which starts at byte `body_offset` of the file.
pub fn render(ctx: &Ctx<'_>, file: &SourceFile, body_offset: usize) -> Rendered {
    render_with(ctx, &Options::default(), file, body_offset)
}

/// [`render`] with explicit options.
pub fn render_with(
    ctx: &Ctx<'_>,
    opts: &Options,
    file: &SourceFile,
    body_offset: usize,
) -> Rendered {
    let mut st = State::new(ctx, opts, file);
    let html = document(&mut st, file, body_offset, false);
    st.finish(html)
}

/// Renders `file` as inline content only (no block structure, no paragraph tags), the way
/// DocFX renders an inline include.
pub fn render_inline_with(
    ctx: &Ctx<'_>,
    opts: &Options,
    file: &SourceFile,
    body_offset: usize,
) -> Rendered {
    let mut st = State::new(ctx, opts, file);
    let html = document(&mut st, file, body_offset, true);
    st.finish(html)
}

/// What one render accumulates across the page and its includes.
pub(crate) struct State<'s> {
    pub(crate) ctx: &'s Ctx<'s>,
    pub(crate) opts: &'s Options,
    pub(crate) ids: anchors::IdSet,
    pub(crate) headings: Vec<Heading>,
    pub(crate) links: Vec<Link>,
    pub(crate) includes: Vec<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The files being rendered, the page first: an include of one of them is a cycle.
    pub(crate) stack: Vec<String>,
    /// Tab groups so far (their ids count up through the page and its includes).
    pub(crate) tab_groups: usize,
    /// Tab ids chosen by earlier groups, for dependent tabs.
    pub(crate) tab_selection: Vec<Vec<String>>,
    /// Includes and code snippets expanded so far ([`State::expand`]).
    pub(crate) expanded_files: usize,
    /// Bytes of the includes and code snippets expanded so far.
    pub(crate) expanded_bytes: usize,
    /// Bytes of code highlighted so far ([`code::highlight_within_budget`]).
    pub(crate) highlighted: usize,
    /// Whether the page was told it reached [`MAX_EXPANSIONS`] (once per page).
    pub(crate) expansion_limit_reported: bool,
    /// Whether the page was told it reached the highlighting budget (once per page).
    pub(crate) highlight_limit_reported: bool,
}

/// How many includes and code snippets one page may expand in total, however they nest,
/// and how many bytes of text they may bring in. The cycle check and the depth limit do
/// not bound fan-out: a file that includes the next one twice, 32 levels deep, expands
/// 2^32 times. Real pages expand a few dozen files.
pub(crate) const MAX_EXPANSIONS: usize = 1_000;
/// See [`MAX_EXPANSIONS`].
pub(crate) const MAX_EXPANDED_BYTES: usize = 32 << 20;

impl<'s> State<'s> {
    fn new(ctx: &'s Ctx<'s>, opts: &'s Options, file: &SourceFile) -> State<'s> {
        State {
            ctx,
            opts,
            ids: anchors::IdSet::default(),
            headings: Vec::new(),
            links: Vec::new(),
            includes: Vec::new(),
            diagnostics: Vec::new(),
            stack: vec![file.rel.clone()],
            tab_groups: 0,
            tab_selection: Vec::new(),
            expanded_files: 0,
            expanded_bytes: 0,
            highlighted: 0,
            expansion_limit_reported: false,
            highlight_limit_reported: false,
        }
    }

    /// Accounts for one include or code snippet of `bytes` written at `at` of `file`;
    /// false when the page is over its budget ([`MAX_EXPANSIONS`]), which is reported at
    /// the first expansion left out.
    pub(crate) fn expand(&mut self, file: &SourceFile, at: usize, bytes: usize) -> bool {
        self.expanded_files += 1;
        self.expanded_bytes = self.expanded_bytes.saturating_add(bytes);
        if self.expanded_files <= MAX_EXPANSIONS && self.expanded_bytes <= MAX_EXPANDED_BYTES {
            return true;
        }
        if !self.expansion_limit_reported {
            self.expansion_limit_reported = true;
            self.diagnostics.push(Diagnostic::error(
                "include-limit",
                &file.rel,
                file.line_col(at),
                format!(
                    "{} expands more than {MAX_EXPANSIONS} includes and code snippets or {} MB of \
                     them in total; this one and the ones after it are left out (do files include \
                     each other several times over?)",
                    self.stack[0],
                    MAX_EXPANDED_BYTES >> 20
                ),
            ));
        }
        false
    }

    fn finish(self, html: String) -> Rendered {
        Rendered {
            html,
            headings: self.headings,
            anchors: self.ids.into_vec(),
            links: self.links,
            includes: self.includes,
            diagnostics: self.diagnostics,
        }
    }

    /// Records a file the page depends on.
    pub(crate) fn depend(&mut self, rel: &str) {
        if !self.includes.iter().any(|r| r == rel) {
            self.includes.push(rel.to_owned());
        }
    }

    /// Whether the page is being rendered inside an include.
    pub(crate) fn in_include(&self) -> bool {
        self.stack.len() > 1
    }
}

/// Renders the Markdown of `file` from byte `start`: the page itself or an include.
pub(crate) fn document(
    st: &mut State<'_>,
    file: &SourceFile,
    start: usize,
    inline: bool,
) -> String {
    let text: &str = &file.text;
    let start = start.min(text.len());
    let events = if inline {
        parse_inline(text, start)
    } else {
        blocks::parse(st, file, start..text.len())
    };
    let events = include::expand(st, file, events, inline);
    let events = code::snippets(st, file, events);
    let events = alerts::quote_sections(st, file, events);
    let events = tabs::groups(st, file, events);
    let events = blocks::inline(st, file, events);
    let events = math::inline(file, events);
    let events = emoji::shortcodes(file, events);
    let events = autolink::bare_urls(file, events);
    let events = xref::shorthand_pass(st, file, events);
    let events = tables::columns(st, file, events);
    let events = anchors::assign_heading_ids(st, events);
    let events = links::rewrite(st, file, start, events);
    let events = media::players(events);
    let events = code::fences(st, events);
    anchors::collect_raw_anchors(&events, &mut st.ids);
    html::write(
        &events,
        file,
        st.opts.source_info,
        st.opts.links == LinkStyle::Site,
    )
}

/// DocFX's source-info attributes for an element written at `at` of `file`, when on.
pub(crate) fn source_attrs(st: &State<'_>, file: &SourceFile, at: usize) -> String {
    if !st.opts.source_info {
        return String::new();
    }
    format!(
        " sourceFile=\"{}\" sourceStartLineNumber=\"{}\"",
        html::escape(&file.rel),
        file.line_col(at).0
    )
}

/// Block-level markup as events: it starts and ends on a line of its own.
pub(crate) fn block_html<'a>(html: String, at: usize) -> [Spanned<'a>; 3] {
    [
        (Event::Start(Tag::HtmlBlock), at..at),
        (Event::Html(pulldown_cmark::CowStr::from(html)), at..at),
        (Event::End(TagEnd::HtmlBlock), at..at),
    ]
}

/// Parses `text[range]` with the dialect's options; event ranges are offsets in `text`.
pub(crate) fn parse_range(text: &str, range: std::ops::Range<usize>) -> Vec<Spanned<'_>> {
    let base = range.start;
    let Some(body) = text.get(range) else {
        return Vec::new();
    };
    // At most about one event per three bytes of Markdown (a page dense with markup; one
    // per dozen is usual): room up front instead of regrowths, each a copy of every event
    // so far beside the events the copy leaves. Room never written to takes no memory.
    let mut events = Vec::with_capacity(body.len() / 3 + 16);
    events.extend(
        Parser::new_ext(body, parser_options())
            .into_offset_iter()
            .map(|(e, r)| (e, r.start + base..r.end + base)),
    );
    events
}

/// Parses `text[start..]` as inline content only: DocFX's inline pipeline has no block
/// parser but the paragraph, so `## x` stays text, and paragraphs are joined without
/// line breaks or tags between them.
fn parse_inline(text: &str, start: usize) -> Vec<Spanned<'_>> {
    let Some(body) = text.get(start..) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut offset = start;
    let mut chunk_start = None;
    for line in body.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, chunk_start) {
            (false, None) => chunk_start = Some(offset),
            (true, Some(s)) => {
                out.extend(inline_chunk(text, s, offset));
                chunk_start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = chunk_start {
        out.extend(inline_chunk(text, s, offset));
    }
    out
}

/// The inline events of the paragraph `text[from..to]`. Lines that would start another
/// block have their first character swapped for a neutral one of the same class before
/// parsing, and put back in the text afterwards.
fn inline_chunk(text: &str, from: usize, to: usize) -> Vec<Spanned<'static>> {
    let Some(chunk) = text.get(from..to) else {
        return Vec::new();
    };
    let trimmed = chunk.trim_start();
    let base = from + (chunk.len() - trimmed.len());
    let chunk = trimmed;
    let mut bytes = chunk.as_bytes().to_vec();
    let mut swapped = Vec::new();
    let mut pos = 0;
    for line in chunk.split_inclusive('\n') {
        let lead = line.len() - line.trim_start_matches(' ').len();
        if lead <= 3
            && let Some(swap) = block_start(&line[lead..])
        {
            bytes[pos + lead] = swap;
            swapped.push(pos + lead);
        }
        pos += line.len();
    }
    let Ok(modified) = String::from_utf8(bytes) else {
        return Vec::new();
    };
    let events: Vec<Spanned<'static>> =
        Parser::new_ext(&modified, parser_options() - ParserOptions::ENABLE_TABLES)
            .into_offset_iter()
            .filter_map(|(e, r)| {
                let e = match e {
                    Event::Html(h) => Event::InlineHtml(h),
                    e if runs::is_inline(&e) => e,
                    _ => return None,
                };
                let e = match e {
                    Event::Text(t)
                        if swapped.iter().any(|p| r.contains(p))
                            && modified.get(r.clone()) == Some(&*t) =>
                    {
                        Event::Text(pulldown_cmark::CowStr::from(chunk[r.clone()].to_owned()))
                    }
                    e => e.into_static(),
                };
                Some((e, r.start + base..r.end + base))
            })
            .collect();
    events
}

/// The neutral stand-in for the first character of a line that would open a block in
/// CommonMark (heading, quote, fence, list item, thematic break), if it would.
fn block_start(line: &str) -> Option<u8> {
    let b = line.as_bytes();
    let first = *b.first()?;
    let after = |n: usize| b.get(n).is_none_or(|c| c.is_ascii_whitespace());
    match first {
        b'#' | b'>' => Some(b'%'),
        b'`' | b'~' if line.starts_with("```") || line.starts_with("~~~") => Some(b'%'),
        b'-' | b'+' | b'*' if after(1) => Some(b'%'),
        b'-' | b'*' | b'_' | b'=' => {
            let t = line.trim_end();
            let same = t.bytes().filter(|c| *c == first).count();
            (same >= 3 && t.bytes().all(|c| c == first || c == b' ' || c == b'\t')
                || first == b'=' && t.bytes().all(|c| c == b'='))
            .then_some(b'%')
        }
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            (digits <= 9 && matches!(b.get(digits), Some(b'.' | b')')) && after(digits + 1))
                .then_some(b'a')
        }
        _ => None,
    }
}

/// Every `[!include[title](path)]` in `text`: byte offset of the `[` and the path as written.
pub fn include_refs(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&bytes[from..], b"[!") {
        let at = from + k;
        from = at + 2;
        if !bytes[at..].starts_with(b"[!") || !runs::starts_with_ci(&text[at..], "[!include") {
            continue;
        }
        if let Some(s) = include::parse(text, at, false).or_else(|| include::parse(text, at, true))
        {
            out.push((at, s.path));
            from = s.end;
        }
    }
    out
}

/// The plain text of the first level-1 heading of a Markdown body, without rendering it;
/// used for titles before pages are rendered (xref link texts, navigation).
pub fn first_heading(body: &str) -> Option<String> {
    let mut in_heading = false;
    let mut text = String::new();
    for event in Parser::new_ext(body, parser_options()) {
        match event {
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            }) => {
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) if in_heading => {
                let t = text.trim().to_owned();
                return (!t.is_empty()).then_some(t);
            }
            Event::Text(t) | Event::Code(t) if in_heading => text.push_str(&t),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod testing {
    //! An in-memory [`Resolve`] for unit tests.
    use std::collections::BTreeMap;

    use super::*;

    #[derive(Default)]
    pub(crate) struct Files {
        pub(crate) files: BTreeMap<String, Arc<SourceFile>>,
        pub(crate) urls: BTreeMap<String, String>,
        pub(crate) uids: BTreeMap<String, (String, String)>,
    }

    impl Files {
        pub(crate) fn new(files: &[(&str, &str)]) -> Files {
            Files {
                files: files
                    .iter()
                    .map(|(r, t)| (r.to_string(), Arc::new(SourceFile::new(*r, *t))))
                    .collect(),
                urls: files
                    .iter()
                    .map(|(r, _)| (r.to_string(), crate::model::url::page_url(r, false)))
                    .collect(),
                uids: BTreeMap::new(),
            }
        }
    }

    impl Resolve for Files {
        fn page_url(&self, rel: &str) -> Option<&str> {
            self.urls.get(rel).map(String::as_str)
        }
        fn would_be_url(&self, rel: &str) -> String {
            crate::model::url::page_url(rel, false)
        }
        fn uid(&self, uid: &str) -> Option<(&str, &str)> {
            self.uids.get(uid).map(|(u, t)| (u.as_str(), t.as_str()))
        }
        fn file(&self, rel: &str) -> Option<&Arc<SourceFile>> {
            self.files.get(rel)
        }
    }

    /// Renders `nl/page.md` of the given file set at URL `nl/page.html`.
    pub(crate) fn render_page(files: &Files, text: &str) -> Rendered {
        let locale = crate::i18n::builtin("nl");
        let ctx = Ctx {
            resolve: files,
            locale: &locale,
            page_url: "nl/page.html",
        };
        render(&ctx, &SourceFile::new("nl/page.md", text), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn gfm_extensions_are_on() {
        let r = render_page(
            &Files::default(),
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n- [x] done\n\n[^1]: note\n",
        );
        assert!(r.html.contains("<table>"), "{}", r.html);
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn hostile_inputs_give_diagnostics_in_bounded_time() {
        let files = Files::new(&[
            ("nl/a.md", "[!include[b](b.md)]"),
            ("nl/b.md", "[!include[a](a.md)]"),
        ]);
        let md = format!(
            "{} deep\n\n[!include[p](../../../../etc/passwd)]\n\n[!include[a](a.md)]\n\n{}\n\n{}x\n\n# [T](#tab/t)\n\nnever closed\n",
            ">".repeat(2000),
            "- ".repeat(2000),
            "[".repeat(5000)
        );
        let started = std::time::Instant::now();
        let r = render_page(&files, &md);
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&"missing-include"), "{codes:?}");
        assert!(codes.contains(&"include-cycle"), "{codes:?}");
        assert!(codes.contains(&"tab-group-unclosed"), "{codes:?}");
        assert!(r.html.contains("deep"));
        assert!(r.html.contains("never closed"));
    }

    #[test]
    fn first_heading_skips_code_and_front_text() {
        assert_eq!(
            first_heading("```\n# not this\n```\n\nIntro\n\n# The *title*\n").as_deref(),
            Some("The title")
        );
        assert_eq!(first_heading("## only h2\n"), None);
    }
}
