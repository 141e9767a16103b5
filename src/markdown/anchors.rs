//! Anchors: GitHub-style heading ids (`{#custom}` wins), made unique per page, and the ids
//! of raw `<a id="…">`/`<a name="…">` tags, which are link targets too.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Heading, HeadingIds, State};

/// The ids used in one page, in order of first use.
#[derive(Debug, Default)]
pub struct IdSet {
    seen: HashSet<String>,
    order: Vec<String>,
    /// Per base, the suffix the next search for a free `base-n` starts at. Ids are never
    /// removed, so every smaller suffix is still taken; without this, a page with 5,000
    /// headings of the same text tried 12 million ids (seconds per MB of page).
    next_suffix: HashMap<String, usize>,
}

impl IdSet {
    /// Records `id`; returns false when it was already taken.
    pub fn insert(&mut self, id: &str) -> bool {
        if self.seen.contains(id) {
            return false;
        }
        self.seen.insert(id.to_owned());
        self.order.push(id.to_owned());
        true
    }

    /// `base`, or `base-1`, `base-2`… whichever is free first; records it.
    pub fn unique(&mut self, base: &str) -> String {
        if self.insert(base) {
            return base.to_owned();
        }
        let mut n = self.next_suffix.get(base).copied().unwrap_or(1);
        loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if self.insert(&candidate) {
                self.next_suffix.insert(base.to_owned(), n);
                return candidate;
            }
        }
    }

    /// Whether `id` is taken.
    pub fn contains(&self, id: &str) -> bool {
        self.seen.contains(id)
    }

    /// The ids in order of first use.
    pub fn into_vec(self) -> Vec<String> {
        self.order
    }
}

/// GitHub's heading slug (Markdig's `UrilizeAsGfm`): letters, digits, `-` and `_` kept
/// in lower case, spaces become `-`, everything else is dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii() {
            // The same rules as below, without the Unicode tables.
            let b = c as u8;
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
                out.push(char::from(b.to_ascii_lowercase()));
            } else if crate::source::is_ascii_space(b) {
                out.push('-');
            }
        } else {
            slug_char(c, &mut out);
        }
    }
    out
}

/// What [`slugify`] makes of one character.
fn slug_char(c: char, out: &mut String) {
    if c.is_alphanumeric() || c == '_' || c == '-' {
        out.extend(c.to_lowercase());
    } else if c.is_whitespace() {
        out.push('-');
    }
}

/// Markdig's own slug (`Urilize`): runs of spaces and punctuation become one `-`, `_`, `-`
/// and `.` stay, leading digits go, trailing punctuation is trimmed.
pub fn urilize(text: &str) -> String {
    let reserved = |c: char| c == '_' || c == '-' || c == '.';
    let mut out = String::with_capacity(text.len());
    let mut has_letter = false;
    let mut prev_space = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            out.extend(c.to_lowercase());
            has_letter = true;
            prev_space = false;
        } else if has_letter {
            if reserved(c) {
                if prev_space {
                    out.pop();
                }
                if !out.ends_with(c) {
                    out.push(c);
                }
                prev_space = false;
            } else if c.is_ascii_digit() {
                out.push(c);
                prev_space = false;
            } else if !prev_space && c.is_whitespace() {
                if !out.ends_with(reserved) {
                    out.push('-');
                }
                prev_space = true;
            }
        }
    }
    while out.ends_with(reserved) {
        out.pop();
    }
    out
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// A heading that starts with `<a id="x"></a>` (or `name=`) followed by more content
/// takes `x` as its id and drops the anchor tags (DocFX's `HeadingIdRewriter`): the id
/// and how many events the anchor takes.
pub fn leading_anchor(inner: &[Spanned<'_>]) -> Option<(String, usize)> {
    let (Event::InlineHtml(open), _) = inner.first()? else {
        return None;
    };
    let (Event::InlineHtml(close), _) = inner.get(1)? else {
        return None;
    };
    if inner.len() < 3 || close.trim() != "</a>" {
        return None;
    }
    let rest = open.strip_prefix("<a")?;
    if !rest.starts_with(' ') || !open.ends_with('>') {
        return None;
    }
    let body = rest[..rest.len() - 1].trim();
    let (key, value) = body.split_once('=')?;
    if key != "id" && key != "name" {
        return None;
    }
    let value = value.trim_end().strip_prefix('"')?.strip_suffix('"')?;
    let ok = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == ' ' || c == '-' || c == '.');
    ok.then(|| (value.to_owned(), 2))
}

/// Gives every heading an id: its `{#id}` when written, a leading `<a id>`, else a unique
/// slug of its text.
pub(crate) fn assign_heading_ids<'a>(
    st: &mut State<'_>,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. })))
    {
        return events;
    }
    // Ids are set where the headings stand; leading anchors that became the id are cut
    // out afterwards (`cut`: index ranges), which is rare.
    let mut events = events;
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if !matches!(events[i].0, Event::Start(Tag::Heading { .. })) {
            i += 1;
            continue;
        }
        let end = events[i + 1..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
            .map_or(events.len(), |p| i + 1 + p);
        let inner = &events[i + 1..end];
        let leading = leading_anchor(inner);
        let skip = leading.as_ref().map_or(0, |(_, n)| *n);
        let mut text = String::new();
        for (e, _) in &inner[skip.min(inner.len())..] {
            if let Event::Text(t) | Event::Code(t) = e {
                text.push_str(t);
            }
        }
        if skip > 0 {
            cut.push(i + 1..i + 1 + skip);
        }
        let Event::Start(Tag::Heading { level, id, .. }) = &mut events[i].0 else {
            break;
        };
        let new_id = match (id.take(), leading) {
            (Some(id), _) => {
                st.ids.insert(&id);
                id
            }
            (None, Some((anchor, _))) => {
                st.ids.insert(&anchor);
                CowStr::from(anchor)
            }
            (None, None) => {
                let slug = match st.opts.heading_ids {
                    HeadingIds::GitHub => slugify(&text),
                    HeadingIds::Markdig => urilize(&text),
                };
                CowStr::from(
                    st.ids
                        .unique(if slug.is_empty() { "section" } else { &slug }),
                )
            }
        };
        st.headings.push(Heading {
            level: *level as u8,
            id: new_id.to_string(),
            text: text.trim().to_owned(),
        });
        *id = Some(new_id);
        i = end + 1;
    }
    if cut.is_empty() {
        return events;
    }
    let mut index = 0;
    let mut cuts = cut.iter().peekable();
    events.retain(|_| {
        while cuts.next_if(|c| c.end <= index).is_some() {}
        let keep = !cuts.peek().is_some_and(|c| c.contains(&index));
        index += 1;
        keep
    });
    events
}

/// Records the ids of raw `<a id>` and `<a name>` tags (and any other `id=` attribute) in
/// the page's HTML.
pub fn collect_raw_anchors(events: &[Spanned<'_>], ids: &mut IdSet) {
    for (event, _) in events {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            for id in html_ids(h) {
                ids.insert(&id);
            }
        }
    }
}

/// Every `id="…"` in an HTML fragment, plus `name="…"` on `<a>` tags.
pub fn html_ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        rest = &rest[lt..];
        let end = memchr::memchr(b'>', rest.as_bytes()).unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(id) = attr(tag, "id") {
            out.push(id);
        }
        if (tag.starts_with("<a ") || tag.starts_with("<a\t"))
            && let Some(name) = attr(tag, "name")
        {
            out.push(name);
        }
        rest = &rest[end.min(rest.len())..];
        if rest.len() <= 1 {
            break;
        }
        rest = &rest[1..];
    }
    out
}

/// The value of attribute `name` in a start tag.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    let needle = name.as_bytes();
    let first = *needle.first()?;
    let mut from = 0;
    // Tags are short: jump between the name's first letter instead of building a
    // substring searcher for every tag.
    while let Some(i) = memchr::memchr(first, &bytes[from..]) {
        let at = from + i;
        if !bytes[at..].starts_with(needle) {
            from = at + 1;
            continue;
        }
        from = at + name.len();
        let before_ok = at > 0 && bytes[at - 1].is_ascii_whitespace();
        let after = tag[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value = after[1..].trim_start();
        let (quote, body) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &value[1..]),
            _ => (None, value),
        };
        let end = match quote {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(body.len()),
        };
        return Some(body[..end].to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn slugs_like_github() {
        for c in (0..128u8).map(char::from) {
            let mut general = String::new();
            slug_char(c, &mut general);
            assert_eq!(slugify(&format!("x{c}x")), format!("x{general}x"), "{c:?}");
        }
        assert_eq!(slugify("Het scherm Licenties"), "het-scherm-licenties");
        assert_eq!(slugify("Über uns & mehr!"), "über-uns--mehr");
        assert_eq!(slugify("C# and .NET"), "c-and-net");
    }

    #[test]
    fn heading_ids_are_unique_and_custom_ids_win() {
        let r = render_page(
            &Files::default(),
            "# Title\n\n## Status\n\n## Status\n\n## Other {#custom}\n\n## <a id=\"types\"></a>Licentietypes\n",
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["title", "status", "status-1", "custom", "types"]);
        assert!(r.html.contains("<h2 id=\"status-1\">"), "{}", r.html);
        assert!(r.anchors.contains(&"types".to_owned()));
    }

    /// A 20 MB page repeats one heading 100,000 times: finding each id from `-1` up was
    /// quadratic. The ids are the same as before, in linear time.
    #[test]
    fn many_equal_headings_get_their_ids_in_linear_time() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("a-2"), "a-2");
        let got: Vec<String> = (0..5).map(|_| ids.unique("a")).collect();
        assert_eq!(got, ["a", "a-1", "a-3", "a-4", "a-5"]);
        assert!(ids.insert("a-6"));
        assert_eq!(ids.unique("a"), "a-7");
        let started = std::time::Instant::now();
        let mut ids = IdSet::default();
        for _ in 0..100_000 {
            ids.unique("section");
        }
        assert_eq!(ids.unique("section"), "section-100000");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn raw_anchors_count() {
        let r = render_page(
            &Files::default(),
            "<a name=\"top\"></a>\n\nText <a id='inline'>x</a>\n",
        );
        assert!(r.anchors.contains(&"top".to_owned()), "{:?}", r.anchors);
        assert!(r.anchors.contains(&"inline".to_owned()));
        assert_eq!(attr("<a href=\"x\" id=\"y\">", "id").as_deref(), Some("y"));
        assert_eq!(attr("<a data-id=\"y\">", "id"), None);
    }
}
