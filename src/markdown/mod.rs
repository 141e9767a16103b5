//! Markdown to HTML: pulldown-cmark plus the DocFX dialect, as small passes over events.
//!
//! The entry point is [`render`]. It is pure: files come from a [`Resolve`] implementation
//! (the site index in a build, an in-memory set in tests), and every problem becomes a
//! diagnostic in the returned [`Rendered`].

pub mod anchors;
pub mod links;

use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::i18n::Locale;
use crate::source::SourceFile;

pub use links::{Link, LinkKind, Target};

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
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
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
    /// Content-relative paths of every included file (for rebuild tracking).
    pub includes: Vec<String>,
    /// Problems found while rendering.
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders the Markdown `body` of `file`, which starts at byte `body_offset` of the file.
pub fn render(ctx: &Ctx<'_>, file: &SourceFile, body_offset: usize) -> Rendered {
    let mut out = Rendered::default();
    let body = &file.text[body_offset.min(file.text.len())..];
    let mut ids = anchors::IdSet::default();
    let events = parse(body);
    let events = anchors::assign_heading_ids(events, &mut ids, &mut out.headings);
    let events = links::rewrite(ctx, file, body_offset, events, &mut out.links);
    anchors::collect_raw_anchors(&events, &mut ids);
    out.html = to_html(events);
    out.anchors = ids.into_vec();
    out
}

/// Parses with the dialect's options, keeping each event's byte range in `body`.
fn parse(body: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
    Parser::new_ext(body, parser_options())
        .into_offset_iter()
        .collect()
}

fn to_html(events: Vec<(Event<'_>, std::ops::Range<usize>)>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    html
}

/// Every `[!include[title](path)]` in `text`: byte offset of the `[` and the path as written.
pub fn include_refs(text: &str) -> Vec<(usize, String)> {
    const MARK: &[u8] = b"[!include[";
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + MARK.len() <= bytes.len() {
        if !bytes[i..i + MARK.len()].eq_ignore_ascii_case(MARK) {
            i += 1;
            continue;
        }
        let start = i;
        i += MARK.len();
        let Some(close) = text[i..].find("](") else {
            break;
        };
        let path_start = i + close + 2;
        let Some(end) = text[path_start..].find(')') else {
            break;
        };
        let target = text[path_start..path_start + end].trim();
        if !target.contains('\n') {
            out.push((start, target.trim_matches(['<', '>']).to_owned()));
        }
        i = path_start + end;
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
    fn first_heading_skips_code_and_front_text() {
        assert_eq!(
            first_heading("```\n# not this\n```\n\nIntro\n\n# The *title*\n").as_deref(),
            Some("The title")
        );
        assert_eq!(first_heading("## only h2\n"), None);
    }
}
