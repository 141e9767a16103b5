//! Anchors: GitHub-style heading ids (`{#custom}` wins), made unique per page, and the ids
//! of raw `<a id="…">`/`<a name="…">` tags, which are link targets too.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Heading;

/// The ids used in one page, in order of first use.
#[derive(Debug, Default)]
pub struct IdSet {
    seen: HashSet<String>,
    order: Vec<String>,
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
        let mut n = 1;
        loop {
            let candidate = format!("{base}-{n}");
            if self.insert(&candidate) {
                return candidate;
            }
            n += 1;
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

/// GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Gives every heading an id: its `{#id}` when written, else a unique slug of its text.
pub fn assign_heading_ids<'a>(
    events: Vec<Spanned<'a>>,
    ids: &mut IdSet,
    headings: &mut Vec<Heading>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        let Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) = event
        else {
            out.push((event, range));
            continue;
        };
        let mut inner = Vec::new();
        let mut text = String::new();
        let mut end = None;
        for (e, r) in iter.by_ref() {
            match &e {
                Event::End(TagEnd::Heading(_)) => {
                    end = Some((e, r));
                    break;
                }
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            inner.push((e, r));
        }
        let raw_anchor = inner.iter().find_map(|(e, _)| match e {
            Event::InlineHtml(h) | Event::Html(h) => raw_anchor_id(h),
            _ => None,
        });
        let id = match (id, raw_anchor) {
            (Some(id), _) => {
                ids.insert(&id);
                id
            }
            (None, Some(anchor)) => {
                ids.insert(&anchor);
                CowStr::from(anchor)
            }
            (None, None) => {
                let slug = slugify(&text);
                CowStr::from(ids.unique(if slug.is_empty() { "section" } else { &slug }))
            }
        };
        headings.push(Heading {
            level: level as u8,
            id: id.to_string(),
            text: text.trim().to_owned(),
        });
        out.push((
            Event::Start(Tag::Heading {
                level,
                id: Some(id),
                classes,
                attrs,
            }),
            range,
        ));
        out.extend(inner);
        out.extend(end);
    }
    out
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

/// The `id` (or `name` on `<a>`) of an anchor tag like `<a id="types"></a>`.
fn raw_anchor_id(html: &str) -> Option<String> {
    let t = html.trim_start();
    if !(t.starts_with("<a ") || t.starts_with("<a\t")) {
        return None;
    }
    attr(t, "id").or_else(|| attr(t, "name"))
}

/// Every `id="…"` in an HTML fragment, plus `name="…"` on `<a>` tags.
pub fn html_ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        let end = rest.find('>').unwrap_or(rest.len());
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
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
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
