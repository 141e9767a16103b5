//! Inline runs: the helpers the DocFX passes share to find their syntax in the source of
//! a paragraph and put markup in its place, whatever pulldown-cmark made of it.
//!
//! pulldown-cmark parses `[!include[t](a.md)]` as text, a link and text; the passes look at
//! the source instead, then [`splice`] swaps the events that cover the matched bytes for
//! new ones. Only text whose event is exactly its source (no escapes, no entities) may be
//! cut, so `\[!include…]` stays literal like in DocFX.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// An event and the bytes of the file it came from.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// Whether `event` belongs to inline content (text, spans, links, breaks).
pub fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Html(_) | Event::DisplayMath(_) | Event::Rule => false,
    }
}

/// Whether a start tag opens inline content (see [`is_inline`]).
pub fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Whether the text event at `range` is exactly the source there.
pub fn verbatim(src: &str, text: &str, range: &Range<usize>) -> bool {
    src.get(range.clone()) == Some(text)
}

/// The lines of an inline run: index ranges into `events` split at soft and hard breaks
/// (the breaks themselves belong to no line).
pub fn lines(events: &[Spanned<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, (e, _)) in events.iter().enumerate() {
        if matches!(e, Event::SoftBreak | Event::HardBreak) {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..events.len());
    out
}

/// The source bytes a line of events covers.
pub fn line_span(events: &[Spanned<'_>], line: &Range<usize>) -> Option<Range<usize>> {
    let first = events.get(line.start)?;
    let last = events.get(line.end.checked_sub(1)?)?;
    Some(first.1.start..last.1.end.max(first.1.start))
}

/// Replaces the events covering each source range of `cuts` (sorted, not overlapping) by
/// its replacement. A cut that would split a tag or non-verbatim text is skipped.
pub fn splice<'a>(
    events: Vec<Spanned<'a>>,
    src: &'a str,
    cuts: Vec<(Range<usize>, Vec<Spanned<'a>>)>,
) -> Vec<Spanned<'a>> {
    if cuts.is_empty() {
        return events;
    }
    let cuts: Vec<_> = cuts
        .into_iter()
        .filter(|(cut, _)| can_cut(&events, src, cut))
        .collect();
    let mut out = Vec::with_capacity(events.len() + cuts.len() * 2);
    let mut cuts = cuts.into_iter().peekable();
    let text = |r: Range<usize>| (Event::Text(CowStr::Borrowed(&src[r.clone()])), r);
    for (event, range) in events {
        let mut pending = Some((event, range));
        while let Some((ev, r)) = pending.take() {
            let Some((cut, _)) = cuts.peek() else {
                out.push((ev, r));
                break;
            };
            let (s, e) = (cut.start, cut.end);
            let is_text = matches!(ev, Event::Text(_));
            let inside = r.start >= s && r.end <= e && (r.start < e || s == e && r.start == s);
            if inside && s != e {
                break;
            }
            if is_text && r.start < s && r.end > s {
                out.push(text(r.start..s));
                if r.end > e {
                    if let Some((_, repl)) = cuts.next() {
                        out.extend(repl);
                    }
                    pending = Some(text(e..r.end));
                }
                continue;
            }
            if is_text && r.start >= s && r.start < e && r.end > e {
                if let Some((_, repl)) = cuts.next() {
                    out.extend(repl);
                }
                pending = Some(text(e..r.end));
                continue;
            }
            let after = match ev {
                Event::End(_) => r.end >= e && r.start <= s,
                _ => r.start >= e,
            };
            if after {
                if let Some((_, repl)) = cuts.next() {
                    out.extend(repl);
                }
                pending = Some((ev, r));
                continue;
            }
            out.push((ev, r));
        }
    }
    for (_, repl) in cuts {
        out.extend(repl);
    }
    out
}

/// Whether the events overlapping `cut` can be removed: tags entirely inside it, and
/// text that is verbatim where it is split.
fn can_cut(events: &[Spanned<'_>], src: &str, cut: &Range<usize>) -> bool {
    if cut.start >= cut.end || src.get(cut.clone()).is_none() {
        return false;
    }
    let mut depth: i32 = 0;
    for (e, r) in events {
        let overlaps = r.start < cut.end && r.end > cut.start;
        if !overlaps {
            continue;
        }
        let inside = r.start >= cut.start && r.end <= cut.end;
        let encloses = r.start <= cut.start && r.end >= cut.end;
        match e {
            Event::Text(t) if !inside => {
                if !verbatim(src, t, r) {
                    return false;
                }
            }
            Event::Start(_) if inside => depth += 1,
            Event::End(_) if inside => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ if inside || encloses => {}
            _ => return false,
        }
    }
    depth == 0
}

/// Index ranges of the inline runs of `events`: maximal sequences of inline events outside
/// code blocks and HTML blocks.
pub fn inline_runs(events: &[Spanned<'_>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut raw_depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => raw_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                raw_depth = raw_depth.saturating_sub(1)
            }
            _ => {}
        }
        let inline = raw_depth == 0 && is_inline(e);
        match (inline, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..events.len());
    }
    out
}

/// Where an inline run sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// Inside `Start(Paragraph)`…`End(Paragraph)`: lines may become blocks.
    Paragraph,
    /// Directly in a tight list item (or an inline-only document): lines may become blocks.
    Bare,
    /// In a heading, table cell or the like: inline content only.
    Inline,
}

/// Calls `f` for every inline run of `events` with its holder; `f` writes the run (and
/// the paragraph's start and end events, which it gets too) into the output.
pub fn map_runs<'a>(
    events: Vec<Spanned<'a>>,
    mut f: impl FnMut(
        Holder,
        Option<Spanned<'a>>,
        Vec<Spanned<'a>>,
        Option<Spanned<'a>>,
        &mut Vec<Spanned<'a>>,
    ),
) -> Vec<Spanned<'a>> {
    // Passes add events (a bare URL becomes a link): room for some, and more made before
    // each run (see `room`) in steps of an eighth, not by doubling. The events passed in
    // are held until the end, so a doubling would hold three times a page's events.
    let mut out = Vec::with_capacity(events.len() + events.len() / 8 + 16);
    // The open blocks: 0 other, 1 list item, 2 raw (code, HTML, metadata).
    let mut kinds: Vec<u8> = Vec::new();
    let mut iter = events.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        let raw = kinds.last() == Some(&2);
        if !raw && matches!(event, Event::Start(Tag::Paragraph)) {
            let mut inner = Vec::new();
            let mut end = None;
            for (e, r) in iter.by_ref() {
                if matches!(e, Event::End(TagEnd::Paragraph)) {
                    end = Some((e, r));
                    break;
                }
                inner.push((e, r));
            }
            room(&mut out, inner.len());
            f(
                Holder::Paragraph,
                Some((event, range)),
                inner,
                end,
                &mut out,
            );
            continue;
        }
        if !raw && is_inline(&event) {
            let holder = match kinds.last() {
                Some(1) | None => Holder::Bare,
                _ => Holder::Inline,
            };
            let mut run = vec![(event, range)];
            while iter.peek().is_some_and(|(e, _)| is_inline(e)) {
                if let Some(next) = iter.next() {
                    run.push(next);
                }
            }
            room(&mut out, run.len());
            f(holder, None, run, None, &mut out);
            continue;
        }
        match &event {
            Event::Start(Tag::Item) => kinds.push(1),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                kinds.push(2)
            }
            Event::Start(t) if !is_inline_tag(t) => kinds.push(0),
            Event::End(t) if !is_inline(&Event::End(*t)) => {
                kinds.pop();
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// Makes room in `out` for a run of `len` events to be written, rewritten (twice as many,
/// and a few): by at least an eighth of what `out` holds, so a page that outgrows the room
/// made up front is copied a few times, each time a little larger.
fn room<T>(out: &mut Vec<T>, len: usize) {
    let wanted = 2 * len + 8;
    if out.capacity() - out.len() < wanted {
        out.reserve_exact(wanted.max(out.capacity() / 8));
    }
}

/// Writes an inline run whose lines `blocks` replace (one entry per line of
/// [`lines`]): a paragraph is closed before each block and reopened after it.
pub fn rebuild<'a>(
    holder: Holder,
    start: Option<Spanned<'a>>,
    inner: Vec<Spanned<'a>>,
    end: Option<Spanned<'a>>,
    mut blocks: Vec<Option<Vec<Spanned<'a>>>>,
    out: &mut Vec<Spanned<'a>>,
) {
    let lines = lines(&inner);
    if blocks.iter().all(Option::is_none) || holder == Holder::Inline {
        out.extend(start);
        out.extend(inner);
        out.extend(end);
        return;
    }
    let para = holder == Holder::Paragraph;
    let end_range = end
        .as_ref()
        .or(start.as_ref())
        .map_or(0..0, |(_, r)| r.clone());
    let mut slots: Vec<Option<Spanned<'a>>> = inner.into_iter().map(Some).collect();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        match blocks.get_mut(i).and_then(Option::take) {
            Some(block) => {
                if open && para {
                    out.push((Event::End(TagEnd::Paragraph), end_range.clone()));
                }
                open = false;
                out.extend(block);
            }
            None => {
                if open {
                    if let Some(b) = line.start.checked_sub(1).and_then(|b| slots[b].take()) {
                        out.push(b);
                    }
                } else if para {
                    let at = slots
                        .get(line.start)
                        .and_then(|s| s.as_ref())
                        .map_or(end_range.start, |(_, r)| r.start);
                    out.push((Event::Start(Tag::Paragraph), at..end_range.end));
                }
                open = true;
                for slot in &mut slots[line.clone()] {
                    if let Some(e) = slot.take() {
                        out.push(e);
                    }
                }
            }
        }
    }
    if open && para {
        out.push((Event::End(TagEnd::Paragraph), end_range));
    }
}

/// Whether every tag of `events` opens and closes inside it (so the whole run can be
/// replaced).
pub fn can_cut_all(events: &[Spanned<'_>], _src: &str) -> bool {
    let mut depth = 0i32;
    for (e, _) in events {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Whether the character at `at` is escaped by a backslash (an odd run of them).
/// pulldown-cmark's text events for `\[` start after the backslash, so the passes that
/// look for syntax in the source ask this before taking a match.
pub fn escaped(src: &str, at: usize) -> bool {
    let before = src.get(..at).unwrap_or("");
    before.bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1
}

/// Substring test by SIMD search (memmem): the passes ask it of the whole page source,
/// where `str::contains` (two-way, byte by byte) cost a few percent of a build.
pub fn contains(hay: &str, needle: &str) -> bool {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes()).is_some()
}

/// Case-insensitive substring test for an ASCII needle.
///
/// Every pass asks this of the whole page (`[!include`, `<xref:`…): it jumps from one
/// occurrence of the first character (either case) to the next with memchr instead of
/// comparing a window at every byte (a 20 MB page was slow).
pub fn contains_ci_ascii(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    let Some(&first) = n.first() else {
        return false;
    };
    let bytes = hay.as_bytes();
    // A needle that starts with two or more non-letters (`[!include`, `[!code`) is found by
    // that exact prefix, which is rarer in text than its first character alone.
    let exact = n.iter().take_while(|b| !b.is_ascii_alphabetic()).count();
    if exact >= 2 {
        return memchr::memmem::find_iter(bytes, &n[..exact]).any(|at| {
            bytes[at..]
                .get(..n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        });
    }
    let mut from = 0;
    while let Some(i) = memchr::memchr2(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &bytes[from..],
    ) {
        let at = from + i;
        if bytes[at..]
            .get(..n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Case-insensitive ASCII prefix test.
pub fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_made_for_a_run_in_steps_of_an_eighth() {
        let mut out: Vec<u64> = Vec::with_capacity(1000);
        out.resize(980, 0);
        room(&mut out, 3);
        assert_eq!(out.capacity(), 1000, "room enough: no growth");
        room(&mut out, 10);
        assert!((1105..1500).contains(&out.capacity()), "{}", out.capacity());
        let before = out.capacity();
        out.resize(before, 0);
        room(&mut out, 1000);
        assert!(
            out.capacity() >= before + 2008,
            "a long run gets what it needs"
        );
    }

    fn parse(src: &str) -> Vec<Spanned<'_>> {
        pulldown_cmark::Parser::new(src)
            .into_offset_iter()
            .collect()
    }

    #[test]
    fn splice_replaces_a_link_and_surrounding_text() {
        let src = "a [!x[t](p)] b";
        let events = parse(src);
        let out = splice(
            events,
            src,
            vec![(2..12, vec![(Event::InlineHtml("X".into()), 2..12)])],
        );
        let text: String = out
            .iter()
            .map(|(e, _)| match e {
                Event::Text(t) | Event::InlineHtml(t) => t.to_string(),
                Event::Start(_) => "<".into(),
                Event::End(_) => ">".into(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(text, "<a X b>");
    }

    #[test]
    fn case_insensitive_search() {
        for (hay, needle, found) in [
            ("a [!INCLUDE[x]", "[!include", true),
            ("[[[!Include", "[!include", true),
            ("[!includ", "[!include", false),
            ("<XREF:a>", "<xref:", true),
            ("é[!code", "[!code", true),
            ("abc", "B", true),
            ("abc", "", false),
        ] {
            assert_eq!(contains_ci_ascii(hay, needle), found, "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn backslashes_escape_when_odd() {
        assert!(escaped("\\[x", 1));
        assert!(!escaped("\\\\[x", 2));
        assert!(!escaped("[x", 0));
    }
}
