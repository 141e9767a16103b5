//! Landing pages: `index.yml` files that start with `### YamlMime:Landing`, `:SubCategory`,
//! `:Category` or `:Hub`. They become pages with a title, a summary and cards of links.

use serde::Serialize;
use serde_yaml::Value;

use crate::diag::Diagnostic;
use crate::source::SourceFile;

/// The YAML document types rendered as landing pages.
const KINDS: [&str; 4] = ["Landing", "SubCategory", "Category", "Hub"];

/// A parsed landing page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Landing {
    /// `Landing`, `SubCategory`, `Category` or `Hub`.
    pub kind: String,
    /// Page title.
    pub title: String,
    /// Text under the title.
    pub summary: Option<String>,
    /// `metadata.description`.
    pub description: Option<String>,
    /// `language:` when given.
    pub language: Option<String>,
    /// `highlightedContent` items.
    pub highlighted: Vec<LandingLink>,
    /// `landingContent` and `conceptualContent` cards.
    pub cards: Vec<Card>,
}

/// A card: a title and groups of links.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Card {
    /// Card title.
    pub title: String,
    /// Link lists.
    pub groups: Vec<Group>,
}

/// One `linkLists` entry.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Group {
    /// `typeDesc`/`linkListType` (how-to-guide, reference…).
    pub kind: Option<String>,
    /// The links.
    pub links: Vec<LandingLink>,
}

/// A link of a landing page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LandingLink {
    /// Link text.
    pub text: String,
    /// Target as written; rewritten like page links when rendered.
    pub url: String,
    /// An image path (`itemType` with `isImage: true`), as written.
    pub image: Option<String>,
    /// Line of the `url:` in the file.
    pub line: u32,
    /// Column of the URL value.
    pub column: u32,
    /// Line and column of the image path, when there is one.
    pub image_at: (u32, u32),
}

/// The `YamlMime` type of a `.yml` file, if it is a landing page.
pub fn mime(text: &str) -> Option<&str> {
    let first = text.lines().next()?.trim();
    let kind = first.strip_prefix("### YamlMime:")?.trim();
    KINDS.iter().find(|k| **k == kind).copied()
}

/// Parses a landing page; a YAML error is a diagnostic at its line and column.
pub fn parse(file: &SourceFile) -> Result<Landing, Diagnostic> {
    let kind = mime(&file.text).unwrap_or("Landing").to_owned();
    let value: Value = crate::yaml::from_str(&file.text).map_err(|e| {
        let (l, c, msg) = crate::frontmatter::yaml_error(&e);
        let (l, c) = (l as u32, c as u32);
        Diagnostic::error(
            "landing",
            &file.rel,
            (l, c),
            format!("landing page does not parse: {msg}"),
        )
    })?;
    let s = |v: &Value, key: &str| -> Option<String> {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut urls = UrlCursor { file, pos: 0 };
    let metadata = value.get("metadata").cloned().unwrap_or(Value::Null);
    let title = s(&value, "title")
        .or_else(|| s(&metadata, "title"))
        .unwrap_or_default();
    let mut landing = Landing {
        kind,
        title,
        summary: s(&value, "summary"),
        description: s(&metadata, "description"),
        language: s(&value, "language"),
        ..Landing::default()
    };
    // The sections appear in the file in this order in every template DocFX ships; the
    // cursor that finds each url's line relies on reading them in file order.
    let mut sections: Vec<(&str, &Value)> =
        ["highlightedContent", "conceptualContent", "landingContent"]
            .iter()
            .filter_map(|k| value.get(*k).map(|v| (*k, v)))
            .collect();
    sections.sort_by_key(|(k, _)| file.text.find(&format!("\n{k}:")).unwrap_or(usize::MAX));
    for (key, section) in sections {
        match key {
            "highlightedContent" => {
                for item in seq(section.get("items")) {
                    if let Some(link) = link(item, "title", &mut urls) {
                        landing.highlighted.push(link);
                    }
                }
            }
            "conceptualContent" => {
                for item in seq(section.get("items")) {
                    let links = seq(item.get("links"))
                        .iter()
                        .filter_map(|l| link(l, "text", &mut urls))
                        .collect();
                    landing.cards.push(Card {
                        title: s(item, "title").unwrap_or_default(),
                        groups: vec![Group {
                            kind: s(item, "itemType"),
                            links,
                        }],
                    });
                }
            }
            _ => {
                for card in seq(Some(section)) {
                    let groups = seq(card.get("linkLists"))
                        .iter()
                        .map(|g| Group {
                            kind: s(g, "typeDesc")
                                .or_else(|| s(g, "linkListType"))
                                .or_else(|| s(g, "itemType")),
                            links: seq(g.get("links"))
                                .iter()
                                .filter_map(|l| link(l, "text", &mut urls))
                                .collect(),
                        })
                        .collect();
                    landing.cards.push(Card {
                        title: s(card, "title").unwrap_or_default(),
                        groups,
                    });
                }
            }
        }
    }
    Ok(landing)
}

fn seq(v: Option<&Value>) -> &[Value] {
    match v {
        Some(Value::Sequence(items)) => items,
        _ => &[],
    }
}

fn link(item: &Value, text_key: &str, urls: &mut UrlCursor<'_>) -> Option<LandingLink> {
    let url = item.get("url").and_then(Value::as_str)?.trim().to_owned();
    let is_image = match item.get("isImage") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    let image_at = match (is_image, item.get("itemType").and_then(Value::as_str)) {
        (true, Some(image)) => urls.peek("itemType", image.trim()),
        _ => (0, 0),
    };
    let (line, column) = urls.find(&url);
    Some(LandingLink {
        text: item
            .get(text_key)
            .and_then(Value::as_str)
            .unwrap_or(&url)
            .trim()
            .to_owned(),
        image: is_image
            .then(|| {
                item.get("itemType")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .flatten(),
        url,
        line,
        column,
        image_at,
    })
}

/// Finds the `url:` lines of a landing file in order.
struct UrlCursor<'a> {
    file: &'a SourceFile,
    pos: usize,
}

impl UrlCursor<'_> {
    /// Position of the `url:` line with this value; the cursor moves past it.
    fn find(&mut self, url: &str) -> (u32, u32) {
        match self.find_key("url", url) {
            Some((at, next)) => {
                self.pos = next;
                self.file.line_col(at)
            }
            None => (0, 0),
        }
    }

    /// Position of the next `key: value` line, without moving the cursor.
    fn peek(&self, key: &str, value: &str) -> (u32, u32) {
        self.find_key(key, value)
            .map_or((0, 0), |(at, _)| self.file.line_col(at))
    }

    /// Byte offset of the value and of the line after it.
    fn find_key(&self, key: &str, value: &str) -> Option<(usize, usize)> {
        let text: &str = &self.file.text;
        let mut offset = self.pos;
        for line in text[self.pos..].split_inclusive('\n') {
            let trimmed = line.trim_start().trim_start_matches("- ");
            if let Some(rest) = trimmed.strip_prefix(key)
                && let Some(rest) = rest.strip_prefix(':')
                && rest.trim().trim_matches(['"', '\'']) == value
            {
                let col = line.find(value).unwrap_or(0);
                return Some((offset + col, offset + line.len()));
            }
            offset += line.len();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "### YamlMime:SubCategory\n\nyamlMime: SubCategory\ntitle: Beheer\nsummary: \"Over licenties\"\nlanguage: nl\n\nmetadata:\n  description: D\n\nlandingContent:\n  # Card\n  - title: Licenties\n    linkLists:\n      - itemType: list\n        typeDesc: how-to-guide\n        links:\n        - text: Overzicht\n          url: license/index.md\n        - text: Activeren\n          url: license/activate.md\n";

    #[test]
    fn reads_cards_and_lines() {
        assert_eq!(mime(SUB), Some("SubCategory"));
        assert_eq!(mime("### YamlMime:TOC\n"), None);
        let l = parse(&SourceFile::new("nl/admin/index.yml", SUB)).unwrap();
        assert_eq!(l.title, "Beheer");
        assert_eq!(l.summary.as_deref(), Some("Over licenties"));
        assert_eq!(l.cards.len(), 1);
        let links = &l.cards[0].groups[0].links;
        assert_eq!(links[1].url, "license/activate.md");
        assert_eq!((links[1].line, links[1].column), (21, 16));
        assert_eq!(l.cards[0].groups[0].kind.as_deref(), Some("how-to-guide"));
    }

    #[test]
    fn highlighted_images_and_bad_yaml() {
        let text = "### YamlMime:Category\ntitle: W\nhighlightedContent:\n  items:\n    - title: Agenda\n      itemType: /media/common/calendar.png\n      isImage: \"true\"\n      url: ../diary/index.md\n";
        let l = parse(&SourceFile::new("nl/learn/index.yml", text)).unwrap();
        assert_eq!(
            l.highlighted[0].image.as_deref(),
            Some("/media/common/calendar.png")
        );
        assert_eq!(l.highlighted[0].text, "Agenda");
        let err = parse(&SourceFile::new(
            "nl/x/index.yml",
            "### YamlMime:Landing\ntitle: [x\n",
        ))
        .unwrap_err();
        assert_eq!(err.code, "landing");
    }
}
