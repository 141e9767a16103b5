//! Quote sections: `> [!NOTE]` and the other alerts, `> [!div class="…"]` sections and
//! `> [!Video url]` embeds, in DocFX's shapes.
//!
//! DocFX reads a `>` quote line by line: a line that is only a marker starts a new
//! section, so one quote can hold a plain quote, then a note, then a div. pulldown-cmark
//! gives one blockquote with one paragraph for all of it; this pass splits the
//! paragraphs directly inside a blockquote at marker lines and writes each section.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::State;
use super::html::escape;
use super::runs::{self, Spanned};
use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// The alerts DocFX knows, and the locale key of their heading.
pub const ALERTS: [&str; 5] = ["NOTE", "TIP", "WARNING", "IMPORTANT", "CAUTION"];

/// One section of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Section {
    /// A plain `<blockquote>`.
    Quote,
    /// `[!NOTE]` and friends: the upper-case name.
    Note(String),
    /// `[!div attrs]`: the attributes as written.
    Div(String),
    /// `[!Video url]`.
    Video(String),
}

/// What a quote line's content is.
enum Marker {
    Section(Section),
    /// A marker followed by text: DocFX keeps the line as text and warns.
    Invalid,
    None,
}

struct Frame {
    /// Depth of the blockquote's own events.
    depth: usize,
    section: Section,
    /// Whether the current section's opening markup was written.
    open: bool,
    /// Whether any section was written.
    any: bool,
    at: usize,
}

/// Splits blockquotes into DocFX sections.
pub(crate) fn quote_sections<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_))))
    {
        return events;
    }
    let src: &str = &file.text;
    let mut out = Vec::with_capacity(events.len());
    let mut frames: Vec<Frame> = Vec::new();
    let mut depth = 0usize;
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        // Outside every blockquote nothing changes, and the depth only matters relative
        // to a blockquote's own: the event goes straight through.
        if frames.is_empty() && !matches!(event, Event::Start(Tag::BlockQuote(_))) {
            out.push((event, range));
            continue;
        }
        match &event {
            Event::Start(Tag::BlockQuote(_)) => {
                if let Some(f) = frames.last_mut().filter(|f| f.depth + 1 == depth + 1) {
                    open(st, file, f, &mut out);
                }
                depth += 1;
                frames.push(Frame {
                    depth,
                    section: Section::Quote,
                    open: false,
                    any: false,
                    at: range.start,
                });
                continue;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if let Some(mut f) = frames.pop() {
                    if !f.any {
                        open(st, file, &mut f, &mut out);
                    }
                    close(&f, &mut out, range.end);
                }
                depth = depth.saturating_sub(1);
                continue;
            }
            _ => {}
        }
        let direct = frames.last().is_some_and(|f| f.depth == depth);
        if direct && matches!(event, Event::Start(Tag::Paragraph)) {
            // Collect the paragraph's inline events.
            let mut inner = Vec::new();
            let mut end = None;
            for (e, r) in iter.by_ref() {
                if matches!(e, Event::End(TagEnd::Paragraph)) {
                    end = Some((e, r));
                    break;
                }
                inner.push((e, r));
            }
            if let Some(f) = frames.last_mut() {
                paragraph(st, file, src, f, (event, range), inner, end, &mut out);
            }
            continue;
        }
        if direct && is_block_start(&event) {
            if let Some(f) = frames.last_mut() {
                open(st, file, f, &mut out);
            }
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push((event, range));
    }
    out
}

fn is_block_start(event: &Event<'_>) -> bool {
    match event {
        Event::Start(_) => !runs::is_inline(event),
        Event::Rule | Event::Html(_) | Event::DisplayMath(_) => true,
        _ => false,
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "one paragraph's parts, passed once"
)]
fn paragraph<'a>(
    st: &mut State<'_>,
    file: &'a SourceFile,
    src: &str,
    frame: &mut Frame,
    start: Spanned<'a>,
    inner: Vec<Spanned<'a>>,
    end: Option<Spanned<'a>>,
    out: &mut Vec<Spanned<'a>>,
) {
    let lines = runs::lines(&inner);
    let mut kinds = Vec::with_capacity(lines.len());
    let mut depth = 0i32;
    for (i, line) in lines.iter().enumerate() {
        let balanced = depth == 0;
        for (e, _) in &inner[line.clone()] {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
        let span = runs::line_span(&inner, line);
        let quoted = i == 0
            || span
                .as_ref()
                .is_some_and(|s| has_quote_prefix(src, s.start));
        let marker = match span {
            Some(s) if balanced && depth == 0 && quoted && !runs::escaped(src, s.start) => {
                classify(st, src.get(s.clone()).unwrap_or("").trim())
            }
            _ => Marker::None,
        };
        if let Marker::Invalid = marker {
            let at = span_start(&inner, line);
            st.diagnostics.push(Diagnostic::warning(
                "invalid-note-section",
                &file.rel,
                file.line_col(at),
                "text after a note, section or video marker on its line; the quote stays a plain blockquote",
            ));
        }
        kinds.push(marker);
    }
    if kinds.iter().all(|k| !matches!(k, Marker::Section(_))) {
        open(st, file, frame, out);
        out.push(start);
        out.extend(inner);
        out.extend(end);
        return;
    }
    let end_range = end.as_ref().map_or(start.1.clone(), |(_, r)| r.clone());
    let mut in_para = false;
    let mut inner: Vec<Option<Spanned<'a>>> = inner.into_iter().map(Some).collect();
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            Marker::Section(section) => {
                if in_para {
                    out.push((Event::End(TagEnd::Paragraph), end_range.clone()));
                    in_para = false;
                }
                let at = span_start_opt(&inner, line);
                switch(st, file, frame, section, at, out);
            }
            Marker::Invalid | Marker::None => {
                if in_para {
                    // The break before this line.
                    if let Some(b) = line.start.checked_sub(1).and_then(|b| inner[b].take()) {
                        out.push(b);
                    }
                } else {
                    open(st, file, frame, out);
                    let at = span_start_opt(&inner, line);
                    out.push((Event::Start(Tag::Paragraph), at..end_range.end));
                    in_para = true;
                }
                for slot in &mut inner[line.clone()] {
                    if let Some(e) = slot.take() {
                        out.push(e);
                    }
                }
            }
        }
        let _ = i;
    }
    if in_para {
        out.push((Event::End(TagEnd::Paragraph), end_range));
    }
}

fn span_start(inner: &[Spanned<'_>], line: &Range<usize>) -> usize {
    runs::line_span(inner, line).map_or(0, |s| s.start)
}

fn span_start_opt(inner: &[Option<Spanned<'_>>], line: &Range<usize>) -> usize {
    inner
        .get(line.start)
        .and_then(|s| s.as_ref())
        .map_or(0, |(_, r)| r.start)
}

/// Whether the source line holding `offset` has a `>` before it (not a lazy line).
fn has_quote_prefix(src: &str, offset: usize) -> bool {
    let offset = offset.min(src.len());
    let line_start = src[..offset].rfind('\n').map_or(0, |i| i + 1);
    src[line_start..offset].contains('>')
}

/// Reads a quote line the way DocFX's `QuoteSectionNoteParser` does.
fn classify(st: &State<'_>, line: &str) -> Marker {
    if !line.starts_with('[') {
        return Marker::None;
    }
    // The info string runs to the first unescaped `]`.
    let mut info = String::new();
    let mut escaped = false;
    let mut close = None;
    for (i, c) in line.char_indices() {
        if c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if c == ']' && !escaped {
            close = Some(i);
            break;
        }
        info.push(c);
        escaped = false;
    }
    let Some(close) = close else {
        return Marker::None;
    };
    info.push(']');
    let info = info.trim();
    let rest = line[close + 1..].trim();
    let note = note_type(st, info);
    let is_div = runs::starts_with_ci(info, "[!div");
    let is_video = runs::starts_with_ci(info, "[!video");
    if !rest.is_empty() && (note.is_some() || is_div || is_video) {
        return Marker::Invalid;
    }
    if let Some(name) = note {
        return Marker::Section(Section::Note(name));
    }
    let inner = |skip: usize| {
        info.get(skip..info.len().saturating_sub(1))
            .unwrap_or("")
            .trim()
    };
    if is_div {
        let attr = inner(5);
        let attrs = if attr.len() >= 2 && attr.starts_with('`') && attr.ends_with('`') {
            attr[1..attr.len() - 1].trim().to_owned()
        } else if !attr.starts_with('`') && !attr.ends_with('`') {
            attr.to_owned()
        } else {
            String::new()
        };
        return Marker::Section(Section::Div(attrs));
    }
    if is_video {
        let data = inner(7);
        if data.starts_with("http://") || data.starts_with("https://") {
            let link = data.split(' ').next().unwrap_or(data);
            return Marker::Section(Section::Video(link.to_owned()));
        }
    }
    Marker::None
}

/// `[!NOTE]` → `NOTE` when the name is a known alert (case-insensitive).
fn note_type(st: &State<'_>, info: &str) -> Option<String> {
    let name = info.strip_prefix("[!")?.strip_suffix(']')?;
    let upper = name.to_ascii_uppercase();
    (ALERTS.contains(&upper.as_str()) || st.opts.notes.contains_key(&upper)).then_some(upper)
}

fn switch<'a>(
    st: &State<'_>,
    file: &SourceFile,
    frame: &mut Frame,
    section: Section,
    at: usize,
    out: &mut Vec<Spanned<'a>>,
) {
    if frame.open {
        close(frame, out, at);
    }
    frame.section = section;
    frame.open = false;
    frame.at = at;
    open(st, file, frame, out);
    if let Section::Video(_) = frame.section {
        frame.section = Section::Quote;
        frame.open = false;
    }
}

/// Writes the opening markup of the frame's current section, once.
fn open<'a>(st: &State<'_>, file: &SourceFile, frame: &mut Frame, out: &mut Vec<Spanned<'a>>) {
    if frame.open {
        return;
    }
    let info = super::source_attrs(st, file, frame.at);
    let html = match &frame.section {
        Section::Quote => format!("<blockquote{info}>\n"),
        Section::Note(name) => {
            let class = st
                .opts
                .notes
                .get(name)
                .cloned()
                .unwrap_or_else(|| name.clone());
            format!(
                "<div class=\"{}\"{info}>\n<h5>{}</h5>\n",
                escape(&class),
                escape(&heading(st, name))
            )
        }
        Section::Div(attrs) if attrs.is_empty() => format!("<div{info}>\n"),
        Section::Div(attrs) => format!("<div {attrs}{info}>\n"),
        Section::Video(url) => format!(
            "<div class=\"embeddedvideo\"{info}><iframe src=\"{}\" frameborder=\"0\" allowfullscreen=\"true\"></iframe></div>\n",
            fix_video_url(url)
        ),
    };
    out.extend(super::block_html(html, frame.at));
    frame.open = !matches!(frame.section, Section::Video(_));
    frame.any = true;
}

fn close<'a>(frame: &Frame, out: &mut Vec<Spanned<'a>>, at: usize) {
    if !frame.open {
        return;
    }
    let html = match frame.section {
        Section::Quote => "</blockquote>\n",
        _ => "</div>\n",
    };
    out.extend(super::block_html(html.to_owned(), at));
}

/// The heading of an alert: the locale's text for the lower-cased name (DocFX's token;
/// a `<h5>…</h5>` wrapper is dropped like DocFX does), else the upper-case name.
pub(crate) fn heading(st: &State<'_>, name: &str) -> String {
    let key = name.to_ascii_lowercase();
    let text = st
        .ctx
        .locale
        .strings
        .get(&key)
        .cloned()
        .unwrap_or_else(|| name.to_ascii_uppercase());
    match text
        .strip_prefix("<h5>")
        .and_then(|t| t.strip_suffix("</h5>"))
    {
        Some(inner) => inner.to_owned(),
        None => text,
    }
}

/// DocFX's video URL fix-up: `http` becomes `https`, YouTube moves to its no-cookie host,
/// Channel 9 gets `nocookie=true`, and a bare host gets its `/`.
pub fn fix_video_url(link: &str) -> String {
    let link = if link.contains("https") {
        link.to_owned()
    } else {
        link.replacen("http", "https", 1)
    };
    let Some((scheme, rest)) = link.split_once("://") else {
        return link;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let after = &rest[end..];
    let (path_query, fragment) = match after.find('#') {
        Some(i) => (&after[..i], &after[i..]),
        None => (after, ""),
    };
    let (path, query) = match path_query.find('?') {
        Some(i) => (&path_query[..i], &path_query[i + 1..]),
        None => (path_query, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if p.chars().all(|c| c.is_ascii_digit()) => (h, Some(p)),
        _ => (authority, None),
    };
    let mut host = host.to_owned();
    let mut query = query.to_owned();
    if host.eq_ignore_ascii_case("channel9.msdn.com") {
        if query.trim().is_empty() {
            query = "nocookie=true".to_owned();
        } else {
            query.push_str("&nocookie=true");
        }
    } else if host.eq_ignore_ascii_case("youtube.com")
        || host.eq_ignore_ascii_case("www.youtube.com")
    {
        host = "www.youtube-nocookie.com".to_owned();
    }
    let mut out = format!("{scheme}://{}", host.to_ascii_lowercase());
    if let Some(p) = port {
        out.push(':');
        out.push_str(p);
    }
    out.push_str(if path.is_empty() { "/" } else { path });
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query);
    }
    out.push_str(fragment);
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[track_caller]
    fn check(md: &str, expect: &str) {
        let r = render_page(&Files::default(), md);
        assert_eq!(r.html.replace('\n', ""), expect.replace('\n', ""), "{md}");
    }

    #[test]
    fn alerts_take_the_locale_heading() {
        check(
            "> [!NOTE]\n> Hallo\n> [!tip]\n> Tip",
            "<div class=\"NOTE\"><h5>Opmerking</h5><p>Hallo</p></div><div class=\"TIP\"><h5>Tip</h5><p>Tip</p></div>",
        );
    }

    #[test]
    fn plain_quote_before_the_marker_stays_a_quote() {
        check(
            "> a\n> [!WARNING]\n> b\nlazy",
            "<blockquote><p>a</p></blockquote><div class=\"WARNING\"><h5>Waarschuwing</h5><p>b\nlazy</p></div>",
        );
    }

    #[test]
    fn alerts_inside_list_items() {
        let r = render_page(
            &Files::default(),
            "1. Step\n\n   > [!CAUTION]\n   > Careful\n",
        );
        assert!(
            r.html.contains("<li><p>Step</p>\n<div class=\"CAUTION\">"),
            "{}",
            r.html
        );
    }

    #[test]
    fn text_after_a_marker_is_a_warning_and_a_quote() {
        let r = render_page(&Files::default(), "> [!NOTE] text\n");
        assert!(r.html.contains("<blockquote>"), "{}", r.html);
        assert_eq!(r.diagnostics[0].code, "invalid-note-section");
        assert_eq!(r.diagnostics[0].line, 1);
    }

    #[test]
    fn sections_and_videos() {
        check(
            "> [!div class=\"a\" id=\"b\"]\n> x\n\n> [!Video http://youtube.com/x]",
            "<div class=\"a\" id=\"b\"><p>x</p></div><div class=\"embeddedvideo\"><iframe src=\"https://www.youtube-nocookie.com/x\" frameborder=\"0\" allowfullscreen=\"true\"></iframe></div>",
        );
        assert_eq!(
            fix_video_url("https://channel9.msdn.com?query=value+A"),
            "https://channel9.msdn.com/?query=value+A&nocookie=true"
        );
    }

    #[test]
    fn deep_quotes_do_not_overflow() {
        let md = ">".repeat(2000) + " x\n";
        let r = render_page(&Files::default(), &md);
        assert!(r.html.matches("<blockquote>").count() > 100);
    }
}
