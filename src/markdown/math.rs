//! Inline math, as Markdig's Mathematics extension (on in DocFX) writes it: `$x^2$`
//! becomes `<span class="math">\(x^2\)</span>`, `$$…$$` a display span, for a
//! client-side renderer (MathJax, KaTeX) to typeset. The content is not Markdown.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use super::html::escape;
use super::runs::{self, Spanned};
use crate::source::SourceFile;

/// Replaces `$…$` and `$$…$$` spans of text.
pub fn inline<'a>(file: &'a SourceFile, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    if memchr::memchr_iter(b'$', src.as_bytes()).nth(1).is_none() {
        return events;
    }
    runs::map_runs(events, |_, start, inner, end, out| {
        let run_end = inner.last().map_or(0, |(_, r)| r.end);
        let mut cuts: Vec<(Range<usize>, Vec<Spanned<'a>>)> = Vec::new();
        let mut after = 0;
        for (e, r) in &inner {
            let Event::Text(t) = e else { continue };
            if !runs::verbatim(src, t, r) {
                continue;
            }
            for (j, _) in t.match_indices('$') {
                let at = r.start + j;
                if at < after || runs::escaped(src, at) {
                    continue;
                }
                let display = src[at..].starts_with("$$");
                let open = if display { 2 } else { 1 };
                let delim = &src[at..at + open];
                let body_start = at + open;
                let Some(close) = src.get(body_start..run_end).and_then(|b| b.find(delim)) else {
                    continue;
                };
                let body = src[body_start..body_start + close].trim();
                if body.is_empty() || body.contains("\n\n") {
                    continue;
                }
                let end = body_start + close + open;
                let (l, r2) = if display {
                    ("\\[", "\\]")
                } else {
                    ("\\(", "\\)")
                };
                let html = format!("<span class=\"math\">{l}{}{r2}</span>", escape(body));
                cuts.push((
                    at..end,
                    vec![(Event::InlineHtml(CowStr::from(html)), at..end)],
                ));
                after = end;
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
    fn dollar_spans_become_math() {
        let r = render_page(&Files::default(), "A $ x^2 **b** $ and \\$5.\n");
        assert!(
            r.html
                .contains("A <span class=\"math\">\\(x^2 **b**\\)</span> and $5."),
            "{}",
            r.html
        );
    }
}
