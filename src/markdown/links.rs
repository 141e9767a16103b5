//! Links and images: `.md` targets become the rendered pages' URLs (anchors kept), `~/`
//! is the content root, `xref:` goes through the uid index, external links stay as they
//! are. Every reference is recorded with its location for `check`.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use serde::Serialize;

use super::{Ctx, LinkStyle, State};
use crate::path;
use crate::source::SourceFile;

/// What kind of reference a [`Link`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// `[text](target)`, `<a href>`.
    Link,
    /// `![alt](src)`, `:::image`.
    Image,
    /// `[!include[...](path)]`.
    Include,
    /// `[!code-lang[...](path)]`, `:::code source=…`.
    Code,
}

/// Where a reference points, resolved as far as the Markdown stage can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Target {
    /// Leaves the site (`https:`, `mailto:`…).
    External {
        /// The URL as written.
        url: String,
    },
    /// `#anchor` in the same page.
    SelfAnchor {
        /// The anchor without `#`.
        anchor: String,
    },
    /// A file of the content tree (page, image, asset), with an optional anchor.
    File {
        /// Path relative to the content root.
        rel: String,
        /// The anchor without `#`.
        anchor: Option<String>,
    },
    /// `xref:uid#anchor`.
    Uid {
        /// The uid.
        uid: String,
        /// The anchor without `#`.
        anchor: Option<String>,
        /// Whether the uid was found.
        resolved: bool,
    },
    /// A site-absolute URL such as `/nl/old/page`.
    SiteAbsolute {
        /// The URL as written.
        url: String,
    },
    /// A relative path that climbs above the content root.
    Outside {
        /// The path as written.
        path: String,
    },
}

/// One reference written in a page or one of its includes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The file the reference is written in (the page or an include), content-relative.
    pub file: String,
    /// 1-based line in `file`.
    pub line: u32,
    /// 1-based column in `file`.
    pub column: u32,
    /// The target exactly as written.
    pub raw: String,
    /// Link, image, include or code.
    pub kind: LinkKind,
    /// The resolved target.
    pub target: Target,
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Rewrites link and image destinations of `events` (parsed from `file`, whose Markdown
/// starts at byte `start`) and records each reference.
pub(crate) fn rewrite<'a>(
    st: &mut State<'_>,
    file: &SourceFile,
    start: usize,
    events: Vec<Spanned<'a>>,
) -> Vec<Spanned<'a>> {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. } | Tag::Image { .. })))
    {
        return events;
    }
    let ctx = st.ctx;
    let style = st.opts.links;
    let rebase = style == LinkStyle::RebaseIncludes && st.in_include();
    let mut defs: Option<HashMap<String, usize>> = None;
    // Links are rewritten where they stand; only `[](xref:uid)` adds an event (the
    // target's title as the link text), after the link's start at `.0`.
    let mut titles: Vec<(usize, Spanned<'a>)> = Vec::new();
    let mut events = events;
    for i in 0..events.len() {
        let (event, range) = &mut events[i];
        let (link_type, dest_url, id, kind) = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => (*link_type, dest_url, &*id, LinkKind::Link),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => (*link_type, dest_url, &*id, LinkKind::Image),
            _ => continue,
        };
        let at = location_of(&mut defs, file, start, link_type, id, range.start);
        let (target, url) = resolve(ctx, file.dir(), dest_url);
        let pos = file.line_col(at);
        let xref_title = match (&target, style, kind) {
            (Target::Uid { uid, .. }, LinkStyle::Site, LinkKind::Link) => {
                ctx.resolve.uid(uid).map(|(_, t)| t.to_owned())
            }
            _ => None,
        };
        let url = match style {
            LinkStyle::Site => url,
            _ if rebase => rebased(file.dir(), dest_url),
            _ => None,
        };
        st.links.push(Link {
            file: file.rel.clone(),
            line: pos.0,
            column: pos.1,
            raw: dest_url.to_string(),
            kind,
            target,
        });
        if let Some(url) = url {
            *dest_url = CowStr::from(url);
        }
        // `[](xref:uid)` takes the target's title as its text.
        if let Some(title) = xref_title
            && let Some((Event::End(TagEnd::Link), r)) = events.get(i + 1)
        {
            titles.push((i, (Event::Text(CowStr::from(title)), r.clone())));
        }
    }
    if titles.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + titles.len());
    let mut titles = titles.into_iter().peekable();
    for (i, e) in events.into_iter().enumerate() {
        out.push(e);
        if let Some((_, title)) = titles.next_if(|(at, _)| *at == i) {
            out.push(title);
        }
    }
    out
}

/// DocFX's rebasing of a relative link written in an included file in folder `dir`:
/// `img/a.png` → `~/dir/img/a.png`.
pub fn rebased(dir: &str, dest: &str) -> Option<String> {
    let d = dest.trim();
    if d.is_empty()
        || d.starts_with('#')
        || d.starts_with('/')
        || d.starts_with("~/")
        || d.starts_with("xref:")
        || path::is_external(d)
    {
        return None;
    }
    let (p, anchor) = match d.find(['#', '?']) {
        Some(i) => (&d[..i], &d[i..]),
        None => (d, ""),
    };
    let joined = path::join(dir, p)?;
    Some(format!("~/{joined}{anchor}"))
}

/// A reference label as definitions are matched: whitespace runs as one space, trimmed,
/// lower-cased. Most labels (`1`, `docs`) already are, and are not copied.
fn label_key(label: &str) -> std::borrow::Cow<'_, str> {
    let b = label.as_bytes();
    let plain = b
        .iter()
        .all(|&c| c.is_ascii() && !c.is_ascii_uppercase() && !c.is_ascii_whitespace() || c == b' ')
        && !label.starts_with(' ')
        && !label.ends_with(' ')
        && !label.contains("  ");
    if plain {
        return std::borrow::Cow::Borrowed(label);
    }
    std::borrow::Cow::Owned(
        label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    )
}

/// Label → offset in the file of each `[label]: target` definition of the Markdown that
/// starts at byte `start`. A line scan, not a second parse: it only locates definitions
/// for diagnostics, and the first definition of a label wins, as in CommonMark.
fn reference_definitions(file: &SourceFile, start: usize) -> HashMap<String, usize> {
    let body = file.text.get(start..).unwrap_or("");
    let bytes = body.as_bytes();
    let mut defs = HashMap::new();
    // Only a line holding `]:` can define a label: those lines are found by a byte search,
    // not by walking every line of the page.
    let mut done = 0;
    for hit in memchr::memmem::find_iter(bytes, b"]:") {
        if hit < done {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &bytes[..hit]).map_or(0, |i| i + 1);
        done = memchr::memchr(b'\n', &bytes[hit..]).map_or(bytes.len(), |i| hit + i + 1);
        if let Some((label, indent)) = definition(&body[line_start..done]) {
            defs.entry(label.into_owned())
                .or_insert(start + line_start + indent);
        }
    }
    defs
}

/// The label a line defines (`[label]: target`, indented up to three spaces), and the
/// line's indent.
fn definition(line: &str) -> Option<(std::borrow::Cow<'_, str>, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    if indent > 3 || !rest.starts_with('[') || rest.starts_with("[^") {
        return None;
    }
    let close = memchr::memmem::find(rest.as_bytes(), b"]:")?;
    let label = label_key(&rest[1..close]);
    (!label.is_empty()).then_some((label, indent))
}

/// Where the target of a link is written: its reference definition for `[text][label]`,
/// the link itself otherwise. The definitions are read once, on the first reference link.
fn location_of(
    defs: &mut Option<HashMap<String, usize>>,
    file: &SourceFile,
    start: usize,
    link_type: LinkType,
    id: &str,
    at: usize,
) -> usize {
    match link_type {
        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => defs
            .get_or_insert_with(|| reference_definitions(file, start))
            .get(label_key(id).as_ref())
            .copied()
            .unwrap_or(at),
        _ => at,
    }
}

/// Resolves `dest` written in a file in folder `dir`; returns the target and the URL to
/// write instead of `dest` (None: keep it).
pub fn resolve(ctx: &Ctx<'_>, dir: &str, dest: &str) -> (Target, Option<String>) {
    let dest = dest.trim();
    if dest.is_empty() {
        return (
            Target::SelfAnchor {
                anchor: String::new(),
            },
            None,
        );
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return (
            Target::SelfAnchor {
                anchor: path::percent_decode(anchor),
            },
            None,
        );
    }
    if let Some(rest) = dest.strip_prefix("xref:") {
        let (uid, anchor) = path::split_anchor(rest);
        let uid = path::percent_decode(uid);
        let found = ctx.resolve.uid(&uid).map(|(url, _)| url.to_owned());
        let url = found.as_ref().map(|u| {
            let mut s = path::relative_url(ctx.page_url, u);
            if let Some(a) = anchor {
                s.push('#');
                s.push_str(a);
            }
            s
        });
        return (
            Target::Uid {
                uid,
                anchor: anchor.map(str::to_owned),
                resolved: found.is_some(),
            },
            url,
        );
    }
    if path::is_external(dest) {
        return (
            Target::External {
                url: dest.to_owned(),
            },
            None,
        );
    }
    let (raw_path, anchor) = path::split_anchor(dest);
    let (base, raw_path) = match raw_path.strip_prefix("~/") {
        Some(rest) => ("", rest),
        None if raw_path.starts_with('/') => {
            return (
                Target::SiteAbsolute {
                    url: dest.to_owned(),
                },
                None,
            );
        }
        None => (dir, raw_path),
    };
    let decoded = path::percent_decode(raw_path);
    let Some(rel) = path::join(base, &decoded) else {
        return (
            Target::Outside {
                path: dest.to_owned(),
            },
            None,
        );
    };
    let is_page_source = matches!(
        crate::discover::extension(&rel),
        "md" | "markdown" | "yml" | "yaml"
    );
    let url = if is_page_source {
        let target_url = ctx
            .resolve
            .page_url(&rel)
            .map_or_else(|| ctx.resolve.would_be_url(&rel), str::to_owned);
        path::relative_url(ctx.page_url, &target_url)
    } else if rel.is_empty() {
        path::relative_url(ctx.page_url, "")
    } else {
        path::encode_url(&path::relative_url(ctx.page_url, &rel))
    };
    let url = match anchor {
        Some(a) => format!("{url}#{a}"),
        None => url,
    };
    (
        Target::File {
            rel,
            anchor: anchor.map(path::percent_decode),
        },
        Some(url),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn reference_definitions_found_by_search_equal_a_line_scan() {
        // The definition: every line in order, the first definition of a label winning.
        fn line_scan(file: &SourceFile, start: usize) -> HashMap<String, usize> {
            let body = file.text.get(start..).unwrap_or("");
            let mut defs = HashMap::new();
            let mut offset = start;
            for line in body.split_inclusive('\n') {
                if let Some((label, indent)) = definition(line) {
                    defs.entry(label.into_owned()).or_insert(offset + indent);
                }
                offset += line.len();
            }
            defs
        }
        let texts = [
            "[a]: one.md\n",
            "# T\n\nSee [a] and [B c][].\n\n[a]: one.md\n  [B  C]: two.md \"t\"\n[a]: again.md",
            "    [code]: not.md\n   [three]: yes.md\n[^note]: footnote\n[x]: a]: b\n",
            "text [a]: inline\n[]: empty\n[é Ü]: ü.md\n]:\n[]:]:\n\n[last]:",
            "no definitions at all\n",
            "",
        ];
        for text in texts {
            let file = SourceFile::new("nl/a.md", text);
            for start in [0, 1, text.len() / 2, text.len()] {
                if text.is_char_boundary(start) {
                    assert_eq!(
                        reference_definitions(&file, start),
                        line_scan(&file, start),
                        "{text:?} from {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn reference_labels_match_as_commonmark_normalizes_them() {
        for (label, key) in [
            ("1", "1"),
            ("see docs", "see docs"),
            ("See  Docs", "see docs"),
            (" a\tb\n", "a b"),
            ("Überblick", "überblick"),
        ] {
            assert_eq!(label_key(label), key, "{label:?}");
        }
        assert!(matches!(label_key("docs"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn md_links_become_page_urls_with_anchors() {
        let files = Files::new(&[("nl/activate.md", "# A"), ("nl/sub/x.md", "# X")]);
        let r = render_page(
            &files,
            "[a](activate.md#stap-2) [b](sub/x.md) [c][1] ![i](../media/i%20j.png) [e](https://x.y)\n\n[1]: ../missing.md\n",
        );
        assert!(
            r.html.contains("href=\"activate.html#stap-2\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"sub/x.html\""));
        assert!(r.html.contains("href=\"../missing.html\""));
        assert!(r.html.contains("src=\"../media/i%20j.png\""));
        assert!(r.html.contains("href=\"https://x.y\""));
        let c = &r.links[2];
        assert_eq!(
            (c.line, c.column),
            (3, 1),
            "reference links point at their definition"
        );
        assert_eq!(
            c.target,
            Target::File {
                rel: "missing.md".into(),
                anchor: None
            }
        );
        assert_eq!(
            r.links[3].target,
            Target::File {
                rel: "media/i j.png".into(),
                anchor: None
            }
        );
    }

    #[test]
    fn xrefs_take_the_target_title() {
        let mut files = Files::default();
        files.uids.insert(
            "help-nl-licenses".into(),
            ("nl/admin/license/index.html".into(), "Licenties".into()),
        );
        let r = render_page(
            &files,
            "<xref:help-nl-licenses> [](xref:help-nl-licenses#types) [own](xref:nope)\n",
        );
        assert!(
            r.html
                .contains("<a href=\"admin/license/index.html\">Licenties</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("href=\"admin/license/index.html#types\">Licenties</a>")
        );
        assert!(r.html.contains("href=\"xref:nope\">own</a>"));
        assert!(matches!(
            r.links[2].target,
            Target::Uid {
                resolved: false,
                ..
            }
        ));
    }

    #[test]
    fn root_relative_and_climbing_links() {
        let r = render_page(
            &Files::default(),
            "[a](~/media/x.png) [b](../../../etc/passwd) [c](/nl/old)\n",
        );
        assert!(r.html.contains("href=\"../media/x.png\""), "{}", r.html);
        assert!(matches!(r.links[1].target, Target::Outside { .. }));
        assert!(matches!(r.links[2].target, Target::SiteAbsolute { .. }));
    }
}
