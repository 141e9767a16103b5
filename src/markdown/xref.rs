//! Cross references: `<xref:uid>`, `<xref:"uid">`, `@uid`, `@'uid with spaces'`.
//! (`[text](xref:uid)` is an ordinary link that [`super::links`] resolves.)
//!
//! In a site build an xref becomes a link to the page with that uid, its text the page's
//! title; an unknown `<xref:uid>` is recorded so `check` reports it, while an unknown
//! `@uid` stays text, as DocFX treats it (`data-throw-if-not-resolved="False"`). In DocFX
//! markup mode they become DocFX's `<xref>` elements.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::html::escape;
use super::runs::{self, Spanned};
use super::{LinkStyle, State};
use crate::source::SourceFile;

const CONTINUABLE: &str = ".,;:!?~";
const STOP: &str = "\"'<>[]|";

/// An xref found in the source.
struct Xref {
    uid: String,
    /// `<xref:…>` must resolve; `@…` need not.
    strict: bool,
    /// The source text.
    raw: String,
}

/// Reads `@uid` or `@'uid'` at `at` (which holds `@`); the xref and its end.
fn shorthand(src: &str, at: usize) -> Option<(Xref, usize)> {
    let rest = src.get(at + 1..)?;
    let first = rest.chars().next()?;
    if first == '\'' || first == '"' {
        let body = &rest[1..];
        let close = body.find([first, '\n', '\r'])?;
        if !body[close..].starts_with(first) {
            return None;
        }
        let end = at + 1 + 1 + close + 1;
        return Some((
            Xref {
                uid: body[..close].to_owned(),
                strict: false,
                raw: src[at..end].to_owned(),
            },
            end,
        ));
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let mut end = rest.len();
    let chars: Vec<(usize, char)> = rest.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c.is_whitespace() || STOP.contains(c) {
            end = i;
            break;
        }
        let next = chars.get(k + 1).map(|(_, n)| *n);
        if CONTINUABLE.contains(c)
            && next.is_none_or(|n| n.is_whitespace() || STOP.contains(n) || CONTINUABLE.contains(n))
        {
            end = i;
            break;
        }
    }
    let uid = &rest[..end];
    Some((
        Xref {
            uid: uid.to_owned(),
            strict: false,
            raw: format!("@{uid}"),
        },
        at + 1 + end,
    ))
}

/// Reads `<xref:uid>` or `<xref:"uid">` at `at`.
fn angle(src: &str, at: usize) -> Option<(Xref, usize)> {
    let rest = src.get(at..)?;
    if !runs::starts_with_ci(rest, "<xref:") {
        return None;
    }
    let body = &rest[6..];
    let quote = body.chars().next().filter(|c| *c == '\'' || *c == '"');
    let (uid, after) = match quote {
        Some(q) => {
            let close = body[1..].find([q, '>'])? + 1;
            if !body[close..].starts_with(q) {
                return None;
            }
            (&body[1..close], close + 1)
        }
        None => {
            let close = body.find('>')?;
            (&body[..close], close)
        }
    };
    if !body[after..].starts_with('>') || uid.contains('\n') {
        return None;
    }
    let end = at + 6 + after + 1;
    Some((
        Xref {
            uid: uid.trim().to_owned(),
            strict: true,
            raw: src[at..end].to_owned(),
        },
        end,
    ))
}

/// Replaces xrefs in text and `<xref:…>` autolinks.
pub(crate) fn shorthand_pass<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    let shorthand_possible = memchr::memchr_iter(b'@', src.as_bytes()).any(|i| {
        src[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '\'' || c == '"')
    });
    if !shorthand_possible && !runs::contains_ci_ascii(src, "<xref:") {
        return events;
    }
    runs::map_runs(events, |_, start, inner, end, out| {
        let mut cuts: Vec<(Range<usize>, Vec<Spanned<'a>>)> = Vec::new();
        // Images (their text is the alt attribute) and autolinks keep their text.
        let mut image = 0usize;
        let mut after = 0usize;
        let mut i = 0;
        while i < inner.len() {
            let (e, r) = &inner[i];
            match e {
                Event::Start(Tag::Image { .. })
                | Event::Start(Tag::Link {
                    link_type: LinkType::Email | LinkType::Autolink,
                    ..
                }) if !matches!(e, Event::Start(Tag::Link { dest_url, .. }) if runs::starts_with_ci(dest_url, "xref:")) => {
                    image += 1
                }
                Event::End(TagEnd::Image | TagEnd::Link) if image > 0 => image -= 1,
                Event::Start(Tag::Link {
                    link_type: LinkType::Autolink,
                    dest_url,
                    ..
                }) if image == 0 && runs::starts_with_ci(dest_url, "xref:") => {
                    if let Some((x, end)) = angle(src, r.start) {
                        cuts.push((r.start..end.max(r.end), replacement(st, x, r.start..end)));
                        after = r.end;
                    }
                }
                Event::Text(t) if image == 0 && r.start >= after && runs::verbatim(src, t, r) => {
                    let mut k = 0;
                    while let Some(j) = t[k..].find(['@', '<']) {
                        let at = r.start + k + j;
                        k += j + 1;
                        if at < after || runs::escaped(src, at) {
                            continue;
                        }
                        let found = if t[k - 1..].starts_with('@') {
                            let prev = src[..at].chars().next_back();
                            if prev == Some('\\') {
                                None
                            } else {
                                shorthand(src, at)
                            }
                        } else {
                            angle(src, at)
                        };
                        if let Some((x, end)) = found {
                            if end > r.end && !x.strict {
                                continue;
                            }
                            after = end;
                            cuts.push((at..end, replacement(st, x, at..end)));
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let inner = runs::splice(inner, src, cuts);
        out.extend(start);
        out.extend(inner);
        out.extend(end);
    })
}

/// What an xref turns into.
fn replacement<'a>(st: &State<'_>, x: Xref, range: Range<usize>) -> Vec<Spanned<'a>> {
    if st.opts.links != LinkStyle::Site {
        let html = format!(
            "<xref href=\"{}\" data-throw-if-not-resolved=\"{}\" data-raw-source=\"{}\"></xref>",
            escape(&x.uid),
            if x.strict { "True" } else { "False" },
            escape(&x.raw)
        );
        return vec![(Event::InlineHtml(CowStr::from(html)), range)];
    }
    let (uid, anchor) = match x.uid.split_once('#') {
        Some((u, a)) => (u.to_owned(), Some(a.to_owned())),
        None => (x.uid.clone(), None),
    };
    let found = st.ctx.resolve.uid(&uid).is_some();
    if !found && !x.strict {
        return vec![(Event::Text(CowStr::from(x.raw)), range)];
    }
    let mut dest = format!("xref:{uid}");
    if let Some(a) = anchor {
        dest.push('#');
        dest.push_str(&a);
    }
    let link = Tag::Link {
        link_type: LinkType::Inline,
        dest_url: CowStr::from(dest),
        title: CowStr::Borrowed(""),
        id: CowStr::Borrowed(""),
    };
    let mut out = vec![(Event::Start(link), range.clone())];
    if !found {
        out.push((Event::Text(CowStr::from(uid)), range.clone()));
    }
    out.push((Event::End(TagEnd::Link), range));
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn shorthand_grammar() {
        let read = |s: &str| shorthand(s, 0).map(|(x, e)| (x.uid, e));
        assert_eq!(read("@api...x"), Some(("api".into(), 4)));
        assert_eq!(read("@api@a b"), Some(("api@a".into(), 6)));
        assert_eq!(read("@'a p ';"), Some(("a p ".into(), 7)));
        assert_eq!(read("@1abc"), None);
        assert_eq!(
            angle("<xref:\"a?b=c\">", 0).map(|(x, _)| x.uid),
            Some("a?b=c".into())
        );
    }

    #[test]
    fn xrefs_resolve_to_titled_links() {
        let mut files = Files::default();
        files.uids.insert(
            "lic".into(),
            ("nl/admin/lic.html".into(), "Licenties".into()),
        );
        let r = render_page(&files, "Zie <xref:lic>, @lic en @onbekend; <xref:weg>.\n");
        assert!(r.html.contains("<a href=\"admin/lic.html\">Licenties</a>, <a href=\"admin/lic.html\">Licenties</a> en @onbekend;"), "{}", r.html);
        assert!(
            r.html.contains("<a href=\"xref:weg\">weg</a>"),
            "{}",
            r.html
        );
        let unresolved: Vec<_> = r
            .links
            .iter()
            .filter(|l| {
                matches!(
                    l.target,
                    super::super::Target::Uid {
                        resolved: false,
                        ..
                    }
                )
            })
            .collect();
        assert_eq!(unresolved.len(), 1);
    }
}
