//! Bare URLs become links, as Markdig's AutoLinks extension (on in DocFX) does:
//! `http://`, `https://`, `ftp://`, `mailto:` and `www.` after a space, the start of the
//! text or one of `*_~(`; trailing punctuation and an unbalanced `)` stay text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::runs::{self, Spanned};
use crate::source::SourceFile;

const SCHEMES: [&str; 5] = ["http://", "https://", "ftp://", "mailto:", "www."];

/// The end of a bare URL starting at `at` in `src`, and the link target.
fn url_at(src: &str, at: usize) -> Option<(usize, String)> {
    let rest = src.get(at..)?;
    let scheme = SCHEMES.iter().find(|s| runs::starts_with_ci(rest, s))?;
    let prev = src[..at].chars().next_back();
    if prev.is_some_and(|p| !(p.is_whitespace() || "*_~(".contains(p))) {
        return None;
    }
    let mut end = rest
        .find(|c: char| c.is_whitespace() || c == '<')
        .unwrap_or(rest.len());
    // Trailing punctuation is trimmed, but never into the scheme: in `*www.**` the `.`
    // belongs to `www.` (cutting it made the scheme longer than the URL, a panic).
    while end > scheme.len() {
        let url = &rest[..end];
        let Some(last) = url.chars().next_back() else {
            break;
        };
        if "?!.,:*_~'\"".contains(last) {
            end -= last.len_utf8();
        } else if last == ')' && url.matches('(').count() < url.matches(')').count() {
            end -= 1;
        } else {
            break;
        }
    }
    let url = &rest[..end];
    let after = &url[scheme.len()..];
    if after.is_empty() || (*scheme == "mailto:" && !after.contains('@')) {
        return None;
    }
    if *scheme == "www." && !after.contains('.') && after.len() < 2 {
        return None;
    }
    let target = if *scheme == "www." {
        format!("http://{url}")
    } else {
        url.to_owned()
    };
    Some((at + end, target))
}

/// Whether `text` holds a scheme of [`SCHEMES`]: a URL found in a text event lies
/// within it, scheme included, so text without one is not looked at letter by letter.
fn may_hold_url(text: &str) -> bool {
    let bytes = text.as_bytes();
    // `://` and `mailto:` need a colon, rare in prose; `www.` (any case) is found from its
    // dot, rarer than the letter w.
    (memchr::memchr(b':', bytes).is_some()
        && (memchr::memmem::find(bytes, b"://").is_some()
            || runs::contains_ci_ascii(text, "mailto:")))
        || memchr::memchr_iter(b'.', bytes)
            .any(|i| i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"))
}

/// Turns bare URLs in text (outside links and images) into links.
pub fn bare_urls<'a>(file: &'a SourceFile, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    if !runs::contains(src, "://")
        && !runs::contains(src, "www.")
        && !runs::contains(src, "mailto:")
    {
        return events;
    }
    // Most pages have URLs only in link targets: then no text holds one, and the events
    // are not taken apart run by run.
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if may_hold_url(t)))
    {
        return events;
    }
    runs::map_runs(events, |_, start, inner, end, out| {
        let mut cuts: Vec<(Range<usize>, Vec<Spanned<'a>>)> = Vec::new();
        let mut in_link = 0usize;
        for (e, r) in &inner {
            match e {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
                Event::Text(t) if in_link == 0 && may_hold_url(t) && runs::verbatim(src, t, r) => {
                    let mut k = 0;
                    while k < t.len() {
                        let Some(j) = t[k..].find(['h', 'H', 'f', 'F', 'm', 'M', 'w', 'W']) else {
                            break;
                        };
                        let at = r.start + k + j;
                        match url_at(src, at).filter(|(e, _)| *e <= r.end) {
                            Some((end, target)) => {
                                let shown = &src[at..end];
                                cuts.push((
                                    at..end,
                                    vec![
                                        (
                                            Event::Start(Tag::Link {
                                                link_type: LinkType::Autolink,
                                                dest_url: CowStr::from(target),
                                                title: CowStr::Borrowed(""),
                                                id: CowStr::Borrowed(""),
                                            }),
                                            at..end,
                                        ),
                                        (Event::Text(CowStr::Borrowed(shown)), at..end),
                                        (Event::End(TagEnd::Link), at..end),
                                    ],
                                ));
                                k = end - r.start;
                            }
                            None => k += j + 1,
                        }
                    }
                }
                _ => {}
            }
        }
        let inner = runs::splice(inner, src, cuts);
        out.extend(start);
        out.extend(inner);
        out.extend(end);
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn bare_urls_link_without_trailing_punctuation() {
        let r = render_page(
            &Files::default(),
            "Zie https://docs.superoffice.com/nl, of (www.example.com). Niet nhttp://x.y of `https://code`.\n",
        );
        assert!(
            r.html.contains(
                "<a href=\"https://docs.superoffice.com/nl\" rel=\"noopener\">https://docs.superoffice.com/nl</a>,"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(
                "(<a href=\"http://www.example.com\" rel=\"noopener\">www.example.com</a>)."
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("nhttp://x.y"));
        assert!(r.html.contains("<code>https://code</code>"));
    }

    #[test]
    fn url_prescan_agrees_with_a_search_for_each_scheme() {
        let plain = |t: &str| {
            let lower = t.to_ascii_lowercase();
            lower.contains("://") || lower.contains("www.") || lower.contains("mailto:")
        };
        let texts = [
            "",
            ".",
            "www",
            "www.",
            "WwW.x",
            "a.www",
            "ww.",
            "w.w.w.",
            "x:y",
            "a://",
            "ftp:/",
            "MAILTO:a",
            "mail to:",
            "Zie www.superoffice.com.",
            "Über: ww.w",
            "ü.www.ü",
            ".www",
        ];
        for t in texts {
            assert_eq!(super::may_hold_url(t), plain(t), "{t:?}");
        }
    }

    /// Found by the `markdown` fuzz target: trimming the `.` and `*` after `www.` cut into
    /// the scheme and sliced past the end of the URL.
    #[test]
    fn trailing_punctuation_never_cuts_into_the_scheme() {
        for text in ["*www.**\n", "www.\n", "(http://)\n", "_mailto:._\n"] {
            let r = render_page(&Files::default(), text);
            assert!(!r.html.contains("<a "), "{text:?}: {}", r.html);
        }
    }
}
