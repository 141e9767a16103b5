//! Emoji shortcodes, as DocFX's default pipeline renders them: `:smile:` becomes 😄.
//! Only known shortcodes change; smileys such as `:)` stay text, as in DocFX.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::runs::{self, Spanned};
use crate::source::SourceFile;

/// The emoji of a `:shortcode:` at `at`, and where it ends. Like Markdig, a shortcode
/// starts a word: `h:m:s` keeps its `:m:`.
fn shortcode(src: &str, at: usize) -> Option<(usize, &'static str)> {
    if src
        .get(..at)?
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    let rest = src.get(at + 1..)?;
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '+' || c == '-'))
        .unwrap_or(rest.len());
    if len == 0 || !rest[len..].starts_with(':') {
        return None;
    }
    let emoji = emojis::get_by_shortcode(&rest[..len])?;
    Some((at + 1 + len + 1, emoji.as_str()))
}

/// Replaces shortcodes in text outside code, links' targets and images.
pub fn shortcodes<'a>(file: &'a SourceFile, events: Vec<Spanned<'a>>) -> Vec<Spanned<'a>> {
    let src: &'a str = &file.text;
    if !memchr::memchr_iter(b':', src.as_bytes()).any(|i| shortcode(src, i).is_some()) {
        return events;
    }
    runs::map_runs(events, |_, start, inner, end, out| {
        let mut cuts: Vec<(Range<usize>, Vec<Spanned<'a>>)> = Vec::new();
        let mut image = 0usize;
        let mut after = 0;
        for (e, r) in &inner {
            match e {
                Event::Start(Tag::Image { .. }) => image += 1,
                Event::End(TagEnd::Image) => image = image.saturating_sub(1),
                Event::Text(t) if image == 0 && runs::verbatim(src, t, r) => {
                    for (j, _) in t.match_indices(':') {
                        let at = r.start + j;
                        if at < after || runs::escaped(src, at) {
                            continue;
                        }
                        if let Some((end, emoji)) = shortcode(src, at).filter(|(e, _)| *e <= r.end)
                        {
                            cuts.push((
                                at..end,
                                vec![(Event::Text(CowStr::Borrowed(emoji)), at..end)],
                            ));
                            after = end;
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
    fn known_shortcodes_become_emoji() {
        let r = render_page(
            &Files::default(),
            "**Klaar :** :smile: en :geen_emoji: en 10:30:00 h:m:s `:smile:`\n",
        );
        assert!(
            r.html.contains(
                "<strong>Klaar :</strong> 😄 en :geen_emoji: en 10:30:00 h:m:s <code>:smile:</code>"
            ),
            "{}",
            r.html
        );
    }
}
