//! Tab groups: headings that are only a link to `#tab/id` (or `#tab/id/condition`) start
//! tabs; the blocks up to the next such heading are the tab's panel; a thematic break
//! (`---`, `***`) or the end of the enclosing container closes the group. The markup is
//! DocFX's (`role=tablist/tab/tabpanel`, first visible tab shown, the others `hidden`), so
//! the page reads without JavaScript and the theme's script switches tabs.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::html::escape;
use super::runs::{self, Spanned};
use super::{State, anchors};
use crate::diag::{Diagnostic, Severity};
use crate::source::SourceFile;

struct Item<'a> {
    id: String,
    condition: String,
    title: Vec<Spanned<'a>>,
    at: usize,
    content: Vec<Spanned<'a>>,
    visible: bool,
}

struct Group<'a> {
    /// Depth of the group's blocks (children of the enclosing container).
    depth: usize,
    number: usize,
    at: usize,
    items: Vec<Item<'a>>,
}

/// Turns tab headings into tab groups.
pub(crate) fn groups<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    if !runs::contains(&file.text, "(#tab/") {
        return events;
    }
    let mut out: Vec<Spanned<'a>> = Vec::with_capacity(events.len() + 16);
    let mut open: Vec<Group<'a>> = Vec::new();
    let mut depth = 0usize;
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        match &event {
            Event::End(_) if !runs::is_inline(&event) => {
                while open.last().is_some_and(|g| g.depth == depth) {
                    if let Some(g) = open.pop() {
                        let html = close(st, file, g, false);
                        sink(&mut open, &mut out).extend(html);
                    }
                }
                depth = depth.saturating_sub(1);
                sink(&mut open, &mut out).push((event, range));
                continue;
            }
            Event::Start(Tag::Heading { .. }) => {
                let mut heading = vec![(event, range)];
                for (e, r) in iter.by_ref() {
                    let end = matches!(e, Event::End(TagEnd::Heading(_)));
                    heading.push((e, r));
                    if end {
                        break;
                    }
                }
                match tab_title(&heading) {
                    Some((id, condition, title, at)) => {
                        if open.last().is_none_or(|g| g.depth != depth) {
                            st.tab_groups += 1;
                            open.push(Group {
                                depth,
                                number: st.tab_groups,
                                at: heading[0].1.start,
                                items: Vec::new(),
                            });
                        }
                        if let Some(g) = open.last_mut() {
                            g.items.push(Item {
                                id,
                                condition,
                                title,
                                at,
                                content: Vec::new(),
                                visible: true,
                            });
                        }
                    }
                    None => sink(&mut open, &mut out).extend(heading),
                }
                continue;
            }
            Event::Rule if open.last().is_some_and(|g| g.depth == depth) => {
                if let Some(g) = open.pop() {
                    let html = close(st, file, g, true);
                    sink(&mut open, &mut out).extend(html);
                }
                continue;
            }
            Event::Start(_) if !runs::is_inline(&event) => depth += 1,
            _ => {}
        }
        sink(&mut open, &mut out).push((event, range));
    }
    while let Some(g) = open.pop() {
        let html = close(st, file, g, false);
        sink(&mut open, &mut out).extend(html);
    }
    out
}

/// Where events go: the panel of the innermost open group, else the output.
fn sink<'v, 'a>(
    open: &'v mut [Group<'a>],
    out: &'v mut Vec<Spanned<'a>>,
) -> &'v mut Vec<Spanned<'a>> {
    match open.last_mut().and_then(|g| g.items.last_mut()) {
        Some(item) => &mut item.content,
        None => out,
    }
}

/// `(id, condition, title events, offset)` when a heading is a tab title: only a link to
/// `#tab/…`, after an optional leading `<a id="…"></a>`.
#[allow(clippy::type_complexity, reason = "a private tuple read once")]
fn tab_title<'a>(heading: &[Spanned<'a>]) -> Option<(String, String, Vec<Spanned<'a>>, usize)> {
    let inner = heading.get(1..heading.len().checked_sub(1)?)?;
    let skip = anchors::leading_anchor(inner).map_or(0, |(_, n)| n);
    let inner = &inner[skip..];
    let (Event::Start(Tag::Link { dest_url, .. }), at) = inner.first()? else {
        return None;
    };
    if !matches!(inner.last()?.0, Event::End(TagEnd::Link)) {
        return None;
    }
    // The link must be the heading's only inline.
    let mut depth = 0;
    for (i, (e, _)) in inner.iter().enumerate() {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if depth == 0 && i + 1 < inner.len() {
            return None;
        }
    }
    let (id, condition) = parse_href(dest_url)?;
    Some((id, condition, inner[1..inner.len() - 1].to_vec(), at.start))
}

/// DocFX's `^#tab/(id(+id)*)(/condition?)?$` with ids of letters, digits and `-`.
pub fn parse_href(href: &str) -> Option<(String, String)> {
    let rest = href.strip_prefix("#tab/")?;
    let (id, condition) = match rest.split_once('/') {
        Some((i, c)) => (i, c),
        None => (rest, ""),
    };
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !id.split('+').all(word) || !(condition.is_empty() || word(condition)) {
        return None;
    }
    Some((id.to_owned(), condition.to_owned()))
}

/// Writes a finished group; `closed` tells whether a thematic break ended it.
fn close<'a>(
    st: &mut State<'_>,
    file: &SourceFile,
    mut g: Group<'a>,
    closed: bool,
) -> Vec<Spanned<'a>> {
    let pos = file.line_col(g.at);
    let warn = |st: &mut State<'_>, message: String| {
        st.diagnostics.push(Diagnostic::warning(
            "invalid-tab-group",
            &file.rel,
            pos,
            message,
        ));
    };
    if !closed {
        st.diagnostics.push(Diagnostic::new(
            Severity::Info,
            "tab-group-unclosed",
            &file.rel,
            pos,
            "the tab group is not closed by a thematic break (---); it runs to the end of its container",
        ));
    }
    // Visibility and the active tab, as DocFX's ActiveAndVisibleRewriter decides them.
    let mut first_visible = None;
    for (i, item) in g.items.iter_mut().enumerate() {
        item.visible = item.condition.is_empty()
            || st
                .tab_selection
                .iter()
                .any(|t| t.first() == Some(&item.condition));
        if item.visible && first_visible.is_none() {
            first_visible = Some(i);
        }
    }
    let mut ids: Vec<(String, usize)> = Vec::new();
    for item in g.items.iter().filter(|t| t.visible) {
        for id in item.id.split('+') {
            match ids.iter_mut().find(|(k, _)| k == id) {
                Some((_, n)) => *n += 1,
                None => ids.push((id.to_owned(), 1)),
            }
        }
    }
    let dups: Vec<&str> = ids
        .iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k.as_str())
        .collect();
    if !dups.is_empty() {
        warn(
            st,
            format!("duplicate tab ids in a group: {}", dups.join(", ")),
        );
    }
    let find = |items: &[Item<'_>], id: &str| {
        items
            .iter()
            .position(|t| t.visible && t.id.split('+').any(|x| x == id))
    };
    let mut active = None;
    let mut different = false;
    for info in &st.tab_selection {
        let common = info
            .iter()
            .filter(|i| ids.iter().any(|(k, _)| k == *i))
            .count();
        if common > 0 {
            let first = info.first().map(String::as_str).unwrap_or("");
            if common == info.len() && common == ids.len() {
                active = find(&g.items, first);
                break;
            }
            different = true;
            active = find(&g.items, first);
            if active.is_some() {
                break;
            }
        }
    }
    if different {
        warn(
            st,
            "the tab group has a different set of tab ids than an earlier group".into(),
        );
    }
    let active = match (active, first_visible) {
        (Some(a), _) => a,
        (None, Some(f)) => {
            st.tab_selection
                .push(ids.iter().map(|(k, _)| k.clone()).collect());
            f
        }
        (None, None) => {
            warn(st, "every tab of the group is hidden".into());
            0
        }
    };
    for item in &g.items {
        st.ids.insert(&format!("tab/{}", item.id));
        if !item.condition.is_empty() {
            st.ids
                .insert(&format!("tab/{}/{}", item.id, item.condition));
        }
    }

    let n = g.number;
    let panel = |item: &Item<'_>| {
        let mut s = format!("tabpanel_{n}_{}", item.id);
        if !item.condition.is_empty() {
            s.push('_');
            s.push_str(&item.condition);
        }
        escape(&s)
    };
    let data = |item: &Item<'_>| {
        let mut s = format!("data-tab=\"{}\"", escape(&item.id));
        if !item.condition.is_empty() {
            s.push_str(&format!(" data-condition=\"{}\"", escape(&item.condition)));
        }
        s
    };
    let mut out = Vec::new();
    let at = g.at;
    out.push((Event::Start(Tag::HtmlBlock), at..at));
    let mut head = format!(
        "<div class=\"tabGroup\" id=\"tabgroup_{n}\"{}>\n<ul role=\"tablist\">\n",
        super::source_attrs(st, file, g.at)
    );
    for (i, item) in g.items.iter_mut().enumerate() {
        head.push_str("<li role=\"presentation\"");
        if !item.visible {
            head.push_str(" aria-hidden=\"true\" hidden=\"hidden\"");
        }
        let p = panel(item);
        head.push_str(&format!(
            ">\n<a href=\"#{p}\" role=\"tab\" aria-controls=\"{p}\" {} {}{}>",
            data(item),
            if i == active {
                "tabindex=\"0\" aria-selected=\"true\""
            } else {
                "tabindex=\"-1\""
            },
            super::source_attrs(st, file, item.at),
        ));
        out.push((Event::Html(CowStr::from(std::mem::take(&mut head))), at..at));
        out.append(&mut item.title);
        head.push_str("</a>\n</li>\n");
    }
    head.push_str("</ul>\n");
    out.push((Event::Html(CowStr::from(head)), at..at));
    out.push((Event::End(TagEnd::HtmlBlock), at..at));
    for (i, item) in g.items.iter_mut().enumerate() {
        let hidden = if i == active {
            ""
        } else {
            " aria-hidden=\"true\" hidden=\"hidden\""
        };
        let open = format!(
            "<section id=\"{}\" role=\"tabpanel\" {}{hidden}>\n",
            panel(item),
            data(item)
        );
        out.extend(super::block_html(open, item.at));
        out.append(&mut item.content);
        out.extend(super::block_html("</section>\n".to_owned(), item.at));
    }
    out.extend(super::block_html("</div>\n".to_owned(), at));
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn tab_groups_in_docfx_shape_with_anchors() {
        let r = render_page(
            &Files::default(),
            "Intro\n\n#### [Web](#tab/web)\n\nIn de browser.\n\n#### [Windows](#tab/win)\n\nOp Windows.\n\n***\n\nNa.\n",
        );
        let h = r.html.replace('\n', "");
        assert!(h.contains("<div class=\"tabGroup\" id=\"tabgroup_1\"><ul role=\"tablist\"><li role=\"presentation\"><a href=\"#tabpanel_1_web\" role=\"tab\" aria-controls=\"tabpanel_1_web\" data-tab=\"web\" tabindex=\"0\" aria-selected=\"true\">Web</a></li>"), "{h}");
        assert!(h.contains("<section id=\"tabpanel_1_win\" role=\"tabpanel\" data-tab=\"win\" aria-hidden=\"true\" hidden=\"hidden\"><p>Op Windows.</p></section></div><p>Na.</p>"), "{h}");
        assert!(r.anchors.contains(&"tab/win".to_owned()));
        assert!(r.headings.is_empty(), "tab titles are not headings");
        assert!(r.links.is_empty(), "tab title links are not links");
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn unterminated_group_runs_to_the_end_with_an_info() {
        let r = render_page(
            &Files::default(),
            "# [A](#tab/a)\n\nx\n\n# [B](#tab/b)\n\ny\n",
        );
        assert!(r.html.ends_with("</section>\n</div>\n"), "{}", r.html);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].severity, Severity::Info);
    }

    #[test]
    fn href_grammar() {
        assert_eq!(parse_href("#tab/a+b/c"), Some(("a+b".into(), "c".into())));
        assert_eq!(parse_href("#tab/a/"), Some(("a".into(), String::new())));
        assert_eq!(parse_href("#tab/a b"), None);
    }
}
