//! The HTML writer: events to HTML in the shape DocFX's Markdig renderer produces, so
//! pages and stylesheets written for DocFX carry over (`<pre><code class="lang-x">`,
//! `style="text-align: left;"` on table cells, `<img … />`, Markdig's line breaks).
//!
//! Markup made by the DocFX passes travels as events too: block markup is
//! `Start(HtmlBlock)`, `Html(…)`, `End(HtmlBlock)` (it starts and ends on its own line), and
//! `InlineHtml(…)` is written as is, like Markdig's `Write`.

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag, TagEnd};

use crate::source::SourceFile;

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Writes `events` (parsed from `file`) as HTML. With `source_info`, every element gets
/// DocFX's `sourceFile` and `sourceStartLineNumber` attributes.
pub fn write(
    events: &[Spanned<'_>],
    file: &SourceFile,
    source_info: bool,
    noopener: bool,
) -> String {
    let mut w = Writer {
        noopener,
        out: String::with_capacity(events.len() * 24),
        prev_line: true,
        first_in_container: false,
        file,
        source_info,
        table: Vec::new(),
        alt_depth: 0,
        in_code: false,
        pending_li: None,
        image_titles: Vec::new(),
    };
    for (event, range) in events {
        w.event(event, range.start);
    }
    w.out
}

struct Table {
    aligns: Vec<Alignment>,
    in_head: bool,
    head_open: bool,
    has_body: bool,
    column: usize,
}

struct Writer<'f> {
    out: String,
    /// Links to other web sites get `rel="noopener"` (site output; DocFX writes none).
    noopener: bool,
    /// Markdig's `previousWasLine`: the output ends with a line break it wrote itself.
    prev_line: bool,
    /// A container (`<li>`, `<td>`) was just opened: its first paragraph stays on its line.
    first_in_container: bool,
    file: &'f SourceFile,
    source_info: bool,
    table: Vec<Table>,
    /// Inside an image: children are its alt text, written without markup.
    alt_depth: usize,
    in_code: bool,
    /// Where the last `<li>` was written, for a task list marker that follows it.
    pending_li: Option<usize>,
    /// Titles of the images being written, innermost last.
    image_titles: Vec<String>,
}

impl Writer<'_> {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.prev_line = false;
        self.first_in_container = false;
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
        self.prev_line = true;
        self.first_in_container = false;
    }

    fn ensure_line(&mut self) {
        if !self.prev_line {
            self.out.push('\n');
            self.prev_line = true;
        }
    }

    fn info(&mut self, offset: usize) {
        if self.source_info {
            let line = self.file.line_col(offset).0;
            let _ = write!(
                self.out,
                " sourceFile=\"{}\" sourceStartLineNumber=\"{line}\"",
                escape(&self.file.rel)
            );
        }
    }

    fn event(&mut self, event: &Event<'_>, at: usize) {
        if self.alt_depth > 0 {
            self.alt_event(event);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(*tag),
            Event::Text(t) => {
                if !self.in_code && t.is_empty() {
                    return;
                }
                escape_into(&mut self.out, t);
                self.prev_line = t.ends_with('\n') && self.in_code;
                self.first_in_container = false;
            }
            Event::Code(t) => {
                self.raw("<code");
                self.info(at);
                self.out.push('>');
                escape_into(&mut self.out, t);
                self.out.push_str("</code>");
            }
            Event::InlineMath(t) => {
                self.raw("<span class=\"math\">\\(");
                escape_into(&mut self.out, t);
                self.out.push_str("\\)</span>");
            }
            Event::DisplayMath(t) => {
                self.raw("<div class=\"math\">\\[");
                escape_into(&mut self.out, t);
                self.out.push_str("\\]</div>");
            }
            Event::Html(h) => {
                self.out.push_str(h);
                self.prev_line = h.ends_with('\n');
                self.first_in_container = false;
            }
            Event::InlineHtml(h) => self.raw(h),
            Event::FootnoteReference(name) => {
                self.raw("<sup class=\"footnote-ref\"><a href=\"#fn-");
                escape_into(&mut self.out, name);
                self.out.push_str("\" id=\"fnref-");
                escape_into(&mut self.out, name);
                self.out.push_str("\">");
                escape_into(&mut self.out, name);
                self.out.push_str("</a></sup>");
            }
            Event::SoftBreak => self.line(""),
            Event::HardBreak => self.line("<br />"),
            Event::Rule => {
                self.ensure_line();
                self.raw("<hr");
                self.info(at);
                self.line(" />");
            }
            Event::TaskListMarker(checked) => {
                if let Some(li) = self.pending_li.take()
                    && self.out[li..].starts_with("<li")
                {
                    self.out.insert_str(li + 3, " class=\"task-list-item\"");
                }
                self.raw("<input disabled=\"disabled\" type=\"checkbox\"");
                if *checked {
                    self.out.push_str(" checked=\"checked\"");
                }
                self.out.push_str(" />");
            }
        }
    }

    /// Inside an image only text reaches the output (it is the `alt` attribute).
    fn alt_event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Image { .. }) => self.alt_depth += 1,
            Event::End(TagEnd::Image) => {
                self.alt_depth -= 1;
                if self.alt_depth == 0 {
                    self.close_image();
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                escape_into(&mut self.out, t);
            }
            Event::SoftBreak | Event::HardBreak => self.out.push('\n'),
            _ => {}
        }
    }

    fn close_image(&mut self) {
        self.out.push('"');
        if let Some(title) = self.image_titles.pop()
            && !title.is_empty()
        {
            self.out.push_str(" title=\"");
            escape_into(&mut self.out, &title);
            self.out.push('"');
        }
        self.out.push_str(" />");
    }

    fn start(&mut self, tag: &Tag<'_>, at: usize) {
        match tag {
            Tag::Paragraph => {
                if !self.first_in_container {
                    self.ensure_line();
                }
                self.raw("<p");
                self.info(at);
                self.out.push('>');
            }
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                let _ = write!(self.out, "<{level}");
                self.prev_line = false;
                self.first_in_container = false;
                if let Some(id) = id {
                    self.out.push_str(" id=\"");
                    escape_into(&mut self.out, id);
                    self.out.push('"');
                }
                if !classes.is_empty() {
                    self.out.push_str(" class=\"");
                    for (i, c) in classes.iter().enumerate() {
                        if i > 0 {
                            self.out.push(' ');
                        }
                        escape_into(&mut self.out, c);
                    }
                    self.out.push('"');
                }
                self.info(at);
                for (k, v) in attrs {
                    self.out.push(' ');
                    escape_into(&mut self.out, k);
                    if let Some(v) = v {
                        self.out.push_str("=\"");
                        escape_into(&mut self.out, v);
                        self.out.push('"');
                    }
                }
                self.out.push('>');
            }
            Tag::BlockQuote(_) => {
                self.ensure_line();
                self.raw("<blockquote");
                self.info(at);
                self.line(">");
            }
            Tag::CodeBlock(kind) => {
                self.ensure_line();
                self.raw("<pre><code");
                if let CodeBlockKind::Fenced(info) = kind {
                    let lang = info.split_whitespace().next().unwrap_or("");
                    if !lang.is_empty() {
                        self.out.push_str(" class=\"lang-");
                        escape_into(&mut self.out, lang);
                        self.out.push('"');
                    }
                }
                self.info(at);
                self.out.push('>');
                self.in_code = true;
            }
            Tag::HtmlBlock => self.ensure_line(),
            Tag::List(start) => {
                self.ensure_line();
                match start {
                    Some(n) => {
                        self.raw("<ol");
                        if *n != 1 {
                            let _ = write!(self.out, " start=\"{n}\"");
                        }
                    }
                    None => self.raw("<ul"),
                }
                self.info(at);
                self.line(">");
            }
            Tag::Item => {
                self.ensure_line();
                self.pending_li = Some(self.out.len());
                self.raw("<li");
                self.info(at);
                self.out.push('>');
                self.first_in_container = true;
            }
            Tag::FootnoteDefinition(name) => {
                self.ensure_line();
                self.raw("<div class=\"footnote-definition\" id=\"fn-");
                escape_into(&mut self.out, name);
                self.out
                    .push_str("\"><sup class=\"footnote-definition-label\">");
                escape_into(&mut self.out, name);
                self.out.push_str("</sup>");
                self.first_in_container = true;
            }
            Tag::DefinitionList => {
                self.ensure_line();
                self.line("<dl>");
            }
            Tag::DefinitionListTitle => {
                self.ensure_line();
                self.raw("<dt>");
                self.first_in_container = true;
            }
            Tag::DefinitionListDefinition => {
                self.ensure_line();
                self.raw("<dd>");
                self.first_in_container = true;
            }
            Tag::Table(aligns) => {
                self.ensure_line();
                self.raw("<table");
                self.info(at);
                self.line(">");
                self.table.push(Table {
                    aligns: aligns.clone(),
                    in_head: false,
                    head_open: false,
                    has_body: false,
                    column: 0,
                });
            }
            Tag::TableHead => {
                self.line("<thead>");
                self.raw("<tr");
                self.info(at);
                self.line(">");
                if let Some(t) = self.table.last_mut() {
                    t.in_head = true;
                    t.head_open = true;
                    t.column = 0;
                }
            }
            Tag::TableRow => {
                let (close_head, open_body) = match self.table.last_mut() {
                    Some(t) => {
                        let r = (t.head_open, !t.has_body);
                        t.head_open = false;
                        t.has_body = true;
                        t.column = 0;
                        r
                    }
                    None => (false, false),
                };
                if close_head {
                    self.line("</thead>");
                }
                if open_body {
                    self.line("<tbody>");
                }
                self.raw("<tr");
                self.info(at);
                self.line(">");
            }
            Tag::TableCell => {
                self.ensure_line();
                let (head, align) = match self.table.last_mut() {
                    Some(t) => {
                        let a = t
                            .aligns
                            .get(t.column)
                            .or_else(|| t.aligns.last())
                            .copied()
                            .unwrap_or(Alignment::None);
                        t.column += 1;
                        (t.in_head, a)
                    }
                    None => (false, Alignment::None),
                };
                self.raw(if head { "<th" } else { "<td" });
                match align {
                    Alignment::Left => self.out.push_str(" style=\"text-align: left;\""),
                    Alignment::Center => self.out.push_str(" style=\"text-align: center;\""),
                    Alignment::Right => self.out.push_str(" style=\"text-align: right;\""),
                    Alignment::None => {}
                }
                self.info(at);
                self.out.push('>');
                self.first_in_container = true;
            }
            Tag::Emphasis => self.inline_open("em", at),
            Tag::Strong => self.inline_open("strong", at),
            Tag::Strikethrough => self.inline_open("del", at),
            Tag::Superscript => self.inline_open("sup", at),
            Tag::Subscript => self.inline_open("sub", at),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.raw("<a href=\"");
                if *link_type == LinkType::Email && !dest_url.starts_with("mailto:") {
                    self.out.push_str("mailto:");
                }
                escape_url_into(&mut self.out, dest_url);
                self.out.push('"');
                self.info(at);
                if self.noopener && crate::path::is_web(dest_url) {
                    self.out.push_str(" rel=\"noopener\"");
                }
                if !title.is_empty() {
                    self.out.push_str(" title=\"");
                    escape_into(&mut self.out, title);
                    self.out.push('"');
                }
                self.out.push('>');
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.raw("<img src=\"");
                escape_url_into(&mut self.out, dest_url);
                self.out.push('"');
                self.info(at);
                self.out.push_str(" alt=\"");
                self.image_titles.push(title.to_string());
                self.alt_depth = 1;
            }
            Tag::MetadataBlock(_) => {}
        }
    }

    fn inline_open(&mut self, name: &str, at: usize) {
        self.raw("<");
        self.out.push_str(name);
        self.info(at);
        self.out.push('>');
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.raw("</p>");
                self.ensure_line();
            }
            TagEnd::Heading(level) => {
                let _ = write!(self.out, "</{level}>");
                self.out.push('\n');
                self.prev_line = true;
                self.first_in_container = false;
            }
            TagEnd::BlockQuote(_) => self.line("</blockquote>"),
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.raw("");
                self.line("</code></pre>");
            }
            TagEnd::HtmlBlock => self.ensure_line(),
            TagEnd::List(ordered) => {
                self.ensure_line();
                self.line(if ordered { "</ol>" } else { "</ul>" });
            }
            TagEnd::Item => {
                self.line("</li>");
            }
            TagEnd::FootnoteDefinition => {
                self.line("</div>");
            }
            TagEnd::DefinitionList => {
                self.ensure_line();
                self.line("</dl>");
            }
            TagEnd::DefinitionListTitle => self.line("</dt>"),
            TagEnd::DefinitionListDefinition => self.line("</dd>"),
            TagEnd::Table => {
                match self.table.pop() {
                    Some(t) if t.has_body => self.line("</tbody>"),
                    Some(t) if t.head_open => self.line("</thead>"),
                    _ => {}
                }
                self.line("</table>");
            }
            TagEnd::TableHead => {
                self.line("</tr>");
                if let Some(t) = self.table.last_mut() {
                    t.in_head = false;
                }
            }
            TagEnd::TableRow => self.line("</tr>"),
            TagEnd::TableCell => {
                let head = self.table.last().is_some_and(|t| t.in_head);
                self.line(if head { "</th>" } else { "</td>" });
            }
            TagEnd::Emphasis => self.raw("</em>"),
            TagEnd::Strong => self.raw("</strong>"),
            TagEnd::Strikethrough => self.raw("</del>"),
            TagEnd::Superscript => self.raw("</sup>"),
            TagEnd::Subscript => self.raw("</sub>"),
            TagEnd::Link => self.raw("</a>"),
            TagEnd::Image => {}
            TagEnd::MetadataBlock(_) => {}
        }
    }
}

/// Escapes `<`, `>`, `&` and `"` as Markdig does in text and attributes.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape_into(&mut s, text);
    s
}

/// [`escape`] into `out`.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // The next `<`, `>` or `&`, and the next `"`, each found by SIMD search and looked
    // for again only once passed: text is mostly runs with nothing to escape.
    let find = |from: usize, quote: bool| {
        let rest = bytes.get(from..).unwrap_or_default();
        let at = if quote {
            memchr::memchr(b'"', rest)
        } else {
            memchr::memchr3(b'<', b'>', b'&', rest)
        };
        at.map(|i| i + from)
    };
    let mut last = 0;
    let mut markup = find(0, false);
    let mut quote = find(0, true);
    loop {
        let i = match (markup, quote) {
            (Some(m), Some(q)) => m.min(q),
            (Some(m), None) => m,
            (None, Some(q)) => q,
            (None, None) => break,
        };
        out.push_str(&text[last..i]);
        out.push_str(match bytes[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            _ => "&quot;",
        });
        last = i + 1;
        if markup == Some(i) {
            markup = find(last, false);
        } else {
            quote = find(last, true);
        }
    }
    out.push_str(&text[last..]);
}

/// Escapes a URL for an attribute the way Markdig does: spaces, quotes, brackets and other
/// unsafe ASCII become `%XX`, `&` becomes `&amp;`, and non-ASCII is percent-encoded UTF-8.
pub fn escape_url_into(out: &mut String, url: &str) {
    for c in url.chars() {
        let n = c as u32;
        if n < 128 {
            let b = n as u8;
            if b <= 32 || b == 127 || b"\"'<>[\\]^`{|}~".contains(&b) {
                let _ = write!(out, "%{b:02X}");
            } else if b == b'&' {
                out.push_str("&amp;");
            } else {
                out.push(c);
            }
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// [`escape_url_into`] into a new string.
pub fn escape_url(url: &str) -> String {
    let mut s = String::with_capacity(url.len());
    escape_url_into(&mut s, url);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_markup_and_quotes_only() {
        for text in [
            "",
            "plain",
            "a < b & c > d",
            "\"quoted\" & 'single'",
            "<<>>&&\"\"",
            "é\"ü<ß>&",
            "x\"y\"z\"<",
        ] {
            let naive = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            assert_eq!(escape(text), naive, "{text:?}");
        }
    }
}
