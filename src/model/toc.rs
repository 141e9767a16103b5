//! `toc.yml` navigation: parsing, nesting of other tocs (`href: sub/toc.yml` or `sub/`),
//! and the per-page view of it (sidebar, breadcrumbs, previous/next).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_yaml::Value;

use crate::diag::Diagnostic;
use crate::path;
use crate::source::SourceFile;

/// One `items` entry as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TocItem {
    /// Display name.
    pub name: String,
    /// `href` as written.
    pub href: Option<String>,
    /// `uid` or `topicUid`.
    pub uid: Option<String>,
    /// `topicHref` as written: the page of an item whose `href` nests a toc.
    pub topic_href: Option<String>,
    /// Child items.
    pub items: Vec<TocItem>,
    /// 1-based line of the item's first key.
    pub line: u32,
    /// 1-based column of the item's first key.
    pub column: u32,
    /// Where the values of `href`, `topicHref` and `uid` are written (line, column).
    pub href_at: (u32, u32),
    /// Position of the `topicHref` value.
    pub topic_href_at: (u32, u32),
    /// Position of the `uid` (or `topicUid`) value.
    pub uid_at: (u32, u32),
}

/// A parsed `toc.yml`.
#[derive(Debug, Clone, Default)]
pub struct TocFile {
    /// Content-relative path.
    pub rel: String,
    /// Top-level items.
    pub items: Vec<TocItem>,
}

/// Parses `file` as a toc; a YAML error is a diagnostic at its line and column.
pub fn parse(file: &SourceFile) -> Result<TocFile, Diagnostic> {
    let text: &str = &file.text;
    let value: Value = if text.trim().is_empty() {
        Value::Null
    } else if let Some(value) = crate::yaml::simple_block(text) {
        value
    } else {
        crate::yaml::from_str(text).map_err(|e| {
            let (l, c, msg) = crate::frontmatter::yaml_error(&e);
            let (l, c) = (l as u32, c as u32);
            Diagnostic::error(
                "toc",
                &file.rel,
                (l, c),
                format!("toc.yml does not parse: {msg}"),
            )
        })?
    };
    let list = match &value {
        Value::Sequence(items) => Some(items),
        Value::Mapping(m) => match m.get("items") {
            Some(Value::Sequence(items)) => Some(items),
            None | Some(Value::Null) => None,
            Some(_) => return Err(shape_error(file, "`items` must be a list")),
        },
        Value::Null => None,
        _ => {
            return Err(shape_error(
                file,
                "a toc is a list of items or a map with `items`",
            ));
        }
    };
    let mut cursor = Cursor { text, pos: 0, file };
    let items = match list {
        Some(items) => read_items(items, &mut cursor, 0)?,
        None => Vec::new(),
    };
    Ok(TocFile {
        rel: file.rel.clone(),
        items,
    })
}

fn shape_error(file: &SourceFile, msg: &str) -> Diagnostic {
    Diagnostic::error(
        "toc",
        &file.rel,
        (1, 1),
        format!("toc.yml has the wrong shape: {msg}"),
    )
}

/// Walks the source text alongside the YAML tree to give items their lines.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    file: &'a SourceFile,
}

impl Cursor<'_> {
    /// Where the value of one of `keys` equal to `value` is written, searching from byte
    /// `from` (the item's own keys come first, before its children).
    fn key_pos(&self, from: usize, keys: &[&str], value: &str) -> Option<(u32, u32)> {
        let start = from.saturating_sub(1).min(self.text.len());
        // `from` may fall inside a character (the item markers of the tree and the text
        // can disagree on odd input): the line start is found on bytes, and is always a
        // character boundary.
        let start = memchr::memrchr(b'\n', &self.text.as_bytes()[..start]).map_or(0, |i| i + 1);
        let mut offset = start;
        for line in self.text[start..].split_inclusive('\n') {
            let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
            for key in keys {
                if let Some(rest) = trimmed.strip_prefix(key)
                    && let Some(rest) = rest.trim_start().strip_prefix(':')
                    && rest.trim().trim_matches(['"', '\'']) == value
                {
                    let col = line.len() - rest.trim_start().len();
                    return Some(self.file.line_col(offset + col));
                }
            }
            offset += line.len();
        }
        None
    }

    /// Advances to the next `- ` item marker and returns its position.
    fn next_item(&mut self) -> (u32, u32) {
        let rest = &self.text[self.pos..];
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            let trimmed = line.trim_start();
            // A bare `-` ends its line however the line ends (LF, CRLF, CR, end of file).
            let bare = trimmed.trim_end_matches(['\r', '\n']) == "-";
            if trimmed.starts_with("- ") || bare {
                let indent = line.len() - trimmed.len();
                let at = self.pos + offset + indent + 2;
                self.pos += offset + line.len();
                let mut key_at = at.min(self.text.len());
                // `-\n  name: x`: the item starts on the next line.
                if bare {
                    key_at = self.pos;
                }
                return self.file.line_col(key_at);
            }
            offset += line.len();
        }
        self.file.line_col(self.pos)
    }
}

fn read_items(
    items: &[Value],
    cursor: &mut Cursor<'_>,
    depth: usize,
) -> Result<Vec<TocItem>, Diagnostic> {
    if depth > 64 {
        return Err(shape_error(
            cursor.file,
            "items are nested more than 64 levels deep",
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let (line, column) = cursor.next_item();
        let item_start = cursor.pos;
        let Value::Mapping(map) = item else {
            return Err(Diagnostic::error(
                "toc",
                &cursor.file.rel,
                (line, column),
                "a toc item must be a map with `name` and `href`",
            ));
        };
        let text = |key: &str| -> Option<String> {
            match map.get(key) {
                Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
                Some(Value::Number(n)) => Some(n.to_string()),
                Some(Value::Bool(b)) => Some(b.to_string()),
                _ => None,
            }
        };
        let at = |keys: &[&str], value: &Option<String>| -> (u32, u32) {
            value
                .as_deref()
                .and_then(|v| cursor.key_pos(item_start, keys, v))
                .unwrap_or((line, column))
        };
        let href = text("href");
        let uid = text("uid").or_else(|| text("topicUid"));
        let topic_href = text("topicHref");
        let href_at = at(&["href"], &href);
        let topic_href_at = at(&["topicHref"], &topic_href);
        let uid_at = at(&["uid", "topicUid"], &uid);
        let children = match map.get("items") {
            Some(Value::Sequence(children)) => read_items(children, cursor, depth + 1)?,
            _ => Vec::new(),
        };
        out.push(TocItem {
            name: text("name")
                .or_else(|| text("displayName"))
                .unwrap_or_default(),
            href,
            uid,
            topic_href,
            items: children,
            line,
            column,
            href_at,
            topic_href_at,
            uid_at,
        });
    }
    Ok(out)
}

/// A resolved navigation entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Display name.
    pub name: String,
    /// Site URL (internal) or absolute URL (external), when the entry links anywhere.
    pub url: Option<String>,
    /// Whether `url` leaves the site.
    pub external: bool,
    /// The page this entry opens, by index into the site's pages.
    pub page: Option<usize>,
    /// Children, including the items of a nested toc.
    pub children: Vec<Node>,
    /// The toc nested here, if any (content-relative path).
    pub nested: Option<String>,
}

/// What a toc needs to know about the site to resolve its entries.
pub trait Lookup: Sync {
    /// Page index and URL of the page with source `rel`.
    fn page(&self, rel: &str) -> Option<(usize, &str)>;
    /// Page index and URL of the page with this uid.
    fn uid(&self, uid: &str) -> Option<(usize, &str)>;
}

/// A problem with one toc entry, reported by `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocRef {
    /// The toc file.
    pub file: String,
    /// Line of the entry.
    pub line: u32,
    /// Column of the entry.
    pub column: u32,
    /// `href`, `topicHref` or `uid`.
    pub key: &'static str,
    /// The value as written.
    pub raw: String,
    /// The content-relative path it names (hrefs), if it stays inside the content.
    pub rel: Option<String>,
    /// Whether it resolved to a page, a toc or an asset.
    pub found: bool,
}

/// Every toc of the site, expanded.
#[derive(Debug, Default)]
pub struct Tocs {
    /// Parsed files by content-relative path.
    pub files: BTreeMap<String, TocFile>,
    /// Expanded trees by toc path.
    pub trees: BTreeMap<String, Vec<Node>>,
    /// Every reference made by a toc entry (for `check`).
    pub refs: Vec<TocRef>,
    /// For each toc, the tocs that nest it (sorted).
    pub parents: BTreeMap<String, Vec<String>>,
    /// Nesting problems: a toc that nests itself, directly or through others, and nesting
    /// cut short by the size limit ([`Tocs::build`]). Sorted, one per toc entry;
    /// `Site::build` moves them into the site's diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Entries one expanded tree may have, at least; more when the toc files themselves hold
/// more entries (see [`Tocs::build`]).
const MIN_TREE_BUDGET: usize = 10_000;
/// Entries all expanded trees together may have, at least.
const MIN_TOTAL_BUDGET: usize = 200_000;

/// What expanding the trees collects, and what it may still spend.
struct Expansion {
    refs: Vec<TocRef>,
    parents: BTreeMap<String, Vec<String>>,
    diagnostics: Vec<Diagnostic>,
    /// Entries the tree being expanded may still get.
    tree_left: usize,
    /// Entries all trees together may still get.
    total_left: usize,
}

impl Tocs {
    /// Expands every toc file; `exists` tells whether a content path is a file or folder.
    ///
    /// Nesting copies the nested toc's entries into the tree, so the expansion is bounded:
    /// a toc that nests the next one twice, which nests the next twice, and so on, would
    /// double at every level. A tree gets at most four times the entries of all toc files
    /// together (at least [`MIN_TREE_BUDGET`]), and all trees twenty times (at least
    /// [`MIN_TOTAL_BUDGET`]); nesting past that is left out, with a diagnostic.
    pub fn build(
        files: BTreeMap<String, TocFile>,
        lookup: &dyn Lookup,
        exists: &(dyn Fn(&str) -> bool + Sync),
    ) -> Tocs {
        let mut tocs = Tocs {
            files,
            ..Tocs::default()
        };
        let entries: usize = tocs.files.values().map(|f| count(&f.items)).sum();
        let tree_budget = MIN_TREE_BUDGET.max(entries.saturating_mul(4));
        let total_budget = MIN_TOTAL_BUDGET.max(entries.saturating_mul(20));
        let names: Vec<String> = tocs.files.keys().cloned().collect();
        // Each tree is expanded on its own, in parallel, as if it were the first (the
        // whole total budget its own). When together they stay within the total, no tree
        // met the total's limit in any order, so this is what expanding them one after
        // the other gives. Once they have spent the total, trees not yet started are not
        // (the work stays bounded by the total and a tree per thread), and all are
        // expanded again one after the other, each with what the trees before it left:
        // which tree runs out is then the same on every build.
        let expand_one = |name: &String, total_left: usize| {
            let mut acc = Expansion {
                refs: Vec::new(),
                parents: BTreeMap::new(),
                diagnostics: Vec::new(),
                tree_left: tree_budget,
                total_left,
            };
            let mut stack = vec![name.clone()];
            let tree = expand(&tocs, name, lookup, exists, &mut stack, &mut acc, true);
            (tree, acc)
        };
        let spent = AtomicUsize::new(0);
        let parallel: Vec<Option<(Vec<Node>, Expansion)>> = names
            .par_iter()
            .map(|name| {
                if spent.load(Ordering::Relaxed) >= total_budget {
                    return None;
                }
                let (tree, acc) = expand_one(name, total_budget);
                spent.fetch_add(total_budget - acc.total_left, Ordering::Relaxed);
                Some((tree, acc))
            })
            .collect();
        let expanded: Vec<(Vec<Node>, Expansion)> = if spent.into_inner() < total_budget {
            parallel.into_iter().flatten().collect()
        } else {
            drop(parallel);
            let mut left = total_budget;
            names
                .iter()
                .map(|name| {
                    let (tree, acc) = expand_one(name, left);
                    left = acc.total_left;
                    (tree, acc)
                })
                .collect()
        };
        let (mut refs, mut parents, mut diagnostics) = (Vec::new(), BTreeMap::new(), Vec::new());
        for (name, (tree, acc)) in names.into_iter().zip(expanded) {
            tocs.trees.insert(name, tree);
            refs.extend(acc.refs);
            for (nested, mut by) in acc.parents {
                parents
                    .entry(nested)
                    .or_insert_with(Vec::new)
                    .append(&mut by);
            }
            diagnostics.extend(acc.diagnostics);
        }
        for list in parents.values_mut() {
            list.sort();
            list.dedup();
        }
        refs.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.key).cmp(&(&b.file, b.line, b.column, b.key))
        });
        refs.dedup();
        // The same entry is met again in every tree that nests its toc: report it once.
        diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        diagnostics.dedup_by(|a, b| (&a.file, a.line, a.column) == (&b.file, b.line, b.column));
        tocs.refs = refs;
        tocs.parents = parents;
        tocs.diagnostics = diagnostics;
        tocs
    }

    /// The toc that governs a page: the nearest `toc.yml` in its folder or above, staying
    /// inside its language folder.
    pub fn nearest(&self, page_rel: &str) -> Option<&str> {
        let mut dir = crate::source::parent_dir(page_rel);
        loop {
            let candidate = if dir.is_empty() {
                "toc.yml".to_owned()
            } else {
                format!("{dir}/toc.yml")
            };
            if let Some((k, _)) = self.files.get_key_value(&candidate) {
                return Some(k);
            }
            if !dir.contains('/') {
                return None;
            }
            dir = crate::source::parent_dir(dir);
        }
    }
}

/// Entries of a list of items, children included.
fn count(items: &[TocItem]) -> usize {
    items.iter().map(|i| 1 + count(&i.items)).sum()
}

fn expand(
    tocs: &Tocs,
    name: &str,
    lookup: &dyn Lookup,
    exists: &(dyn Fn(&str) -> bool + Sync),
    stack: &mut Vec<String>,
    acc: &mut Expansion,
    record: bool,
) -> Vec<Node> {
    let Some(file) = tocs.files.get(name) else {
        return Vec::new();
    };
    let dir = crate::source::parent_dir(name).to_owned();
    let mut walk = Walk {
        tocs,
        lookup,
        exists,
        dir: &dir,
        name,
        record,
    };
    walk.items(&file.items, stack, acc)
}

struct Walk<'a> {
    tocs: &'a Tocs,
    lookup: &'a dyn Lookup,
    exists: &'a (dyn Fn(&str) -> bool + Sync),
    dir: &'a str,
    name: &'a str,
    record: bool,
}

impl Walk<'_> {
    fn items(
        &mut self,
        items: &[TocItem],
        stack: &mut Vec<String>,
        acc: &mut Expansion,
    ) -> Vec<Node> {
        items
            .iter()
            .map(|item| self.item(item, stack, acc))
            .collect()
    }

    fn item(&mut self, item: &TocItem, stack: &mut Vec<String>, acc: &mut Expansion) -> Node {
        acc.tree_left = acc.tree_left.saturating_sub(1);
        acc.total_left = acc.total_left.saturating_sub(1);
        let mut node = Node {
            name: item.name.clone(),
            url: None,
            external: false,
            page: None,
            children: Vec::new(),
            nested: None,
        };
        let record = self.record;
        let file = self.name.to_owned();
        let mut pending: Vec<TocRef> = Vec::new();
        let mut note = |key: &'static str, raw: &str, rel: Option<String>, found: bool| {
            if record {
                let (line, column) = match key {
                    "href" => item.href_at,
                    "topicHref" => item.topic_href_at,
                    _ => item.uid_at,
                };
                pending.push(TocRef {
                    file: file.clone(),
                    line,
                    column,
                    key,
                    raw: raw.to_owned(),
                    rel,
                    found,
                });
            }
        };
        let at = (item.line, item.column);
        if let Some(href) = &item.href {
            if path::is_external(href) {
                node.url = Some(href.clone());
                node.external = true;
            } else {
                let (p, anchor) = path::split_anchor(href);
                let rel = path::join(self.dir, &path::percent_decode(p));
                let nested = rel.as_deref().and_then(|r| {
                    if r.ends_with("toc.yml") || r.ends_with("toc.md") {
                        Some(r.to_owned())
                    } else if href.ends_with('/') {
                        Some(if r.is_empty() {
                            "toc.yml".to_owned()
                        } else {
                            format!("{r}/toc.yml")
                        })
                    } else {
                        None
                    }
                });
                match (nested, rel) {
                    (Some(nested), _) => {
                        let found = self.tocs.files.contains_key(&nested);
                        note("href", href, Some(nested.clone()), found);
                        if found {
                            acc.parents
                                .entry(nested.clone())
                                .or_default()
                                .push(self.name.to_owned());
                            node.nested = Some(nested.clone());
                            if stack.contains(&nested) {
                                // A cycle: the entry stays, without the nested items.
                                let mut chain = stack.join(" → ");
                                chain.push_str(" → ");
                                chain.push_str(&nested);
                                acc.diagnostics.push(
                                    Diagnostic::warning(
                                        "toc-cycle",
                                        self.name,
                                        at,
                                        format!(
                                            "toc entry `{href}` nests a toc that is already \
                                             being nested here ({chain}); it is shown without its items"
                                        ),
                                    )
                                    .with_target(href.clone()),
                                );
                            } else if acc.tree_left == 0 || acc.total_left == 0 {
                                acc.diagnostics.push(
                                    Diagnostic::error(
                                        "toc-limit",
                                        self.name,
                                        at,
                                        format!(
                                            "nesting {nested} here makes the navigation of {} too \
                                             large (tocs nest each other several times over?); \
                                             its items are left out",
                                            stack[0]
                                        ),
                                    )
                                    .with_target(href.clone()),
                                );
                            } else {
                                stack.push(nested.clone());
                                let mut sub = expand(
                                    self.tocs,
                                    &nested,
                                    self.lookup,
                                    self.exists,
                                    stack,
                                    acc,
                                    false,
                                );
                                stack.pop();
                                node.children.append(&mut sub);
                            }
                        }
                    }
                    (None, Some(rel)) => {
                        let found = self.link(&mut node, &rel, anchor);
                        note("href", href, Some(rel), found);
                    }
                    (None, None) => note("href", href, None, false),
                }
            }
        }
        if let Some(topic) = &item.topic_href {
            let (p, anchor) = path::split_anchor(topic);
            match path::join(self.dir, &path::percent_decode(p)) {
                Some(rel) => {
                    let found = self.link(&mut node, &rel, anchor);
                    note("topicHref", topic, Some(rel), found);
                }
                None => note("topicHref", topic, None, false),
            }
        }
        if let Some(uid) = &item.uid {
            match self.lookup.uid(uid) {
                Some((page, url)) => {
                    node.page = Some(page);
                    node.url = Some(url.to_owned());
                    note("uid", uid, None, true);
                }
                None => note("uid", uid, None, false),
            }
        }
        acc.refs.append(&mut pending);
        let mut children = self.items(&item.items, stack, acc);
        node.children.append(&mut children);
        node
    }

    /// Points `node` at the page or asset `rel`; false when nothing is there.
    fn link(&self, node: &mut Node, rel: &str, anchor: Option<&str>) -> bool {
        let with_anchor = |url: &str| match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url.to_owned(),
        };
        if let Some((page, url)) = self.lookup.page(rel) {
            node.page = Some(page);
            node.url = Some(with_anchor(url));
            true
        } else if (self.exists)(rel) {
            node.url = Some(with_anchor(rel));
            true
        } else {
            false
        }
    }
}

/// A node flattened for one page's view: depth-first order.
#[derive(Debug, Clone)]
pub struct Flat<'a> {
    /// The node.
    pub node: &'a Node,
    /// Index of the parent in the flat list.
    pub parent: Option<usize>,
}

/// Depth-first list of the nodes of a tree.
pub fn flatten(nodes: &[Node]) -> Vec<Flat<'_>> {
    fn go<'a>(nodes: &'a [Node], parent: Option<usize>, out: &mut Vec<Flat<'a>>) {
        for node in nodes {
            let me = out.len();
            out.push(Flat { node, parent });
            go(&node.children, Some(me), out);
        }
    }
    let mut out = Vec::new();
    go(nodes, None, &mut out);
    out
}

/// First position of each page in a flat list.
pub fn positions(flat: &[Flat<'_>]) -> FxHashMap<usize, usize> {
    let mut map = FxHashMap::default();
    for (i, f) in flat.iter().enumerate() {
        if let Some(p) = f.node.page {
            map.entry(p).or_insert(i);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pages;
    impl Lookup for Pages {
        fn page(&self, rel: &str) -> Option<(usize, &str)> {
            match rel {
                "nl/a/index.md" => Some((0, "nl/a/index.html")),
                "nl/a/b.md" => Some((1, "nl/a/b.html")),
                "nl/a/sub/c.md" => Some((2, "nl/a/sub/c.html")),
                _ => None,
            }
        }
        fn uid(&self, uid: &str) -> Option<(usize, &str)> {
            (uid == "u-b").then_some((1, "nl/a/b.html"))
        }
    }

    fn toc(rel: &str, text: &str) -> TocFile {
        parse(&SourceFile::new(rel, text)).unwrap()
    }

    #[test]
    fn parses_items_with_lines() {
        let t = toc(
            "nl/a/toc.yml",
            "items:\n- name: Intro\n  href: index.md\n- name: Sub\n  items:\n  - name: B\n    uid: u-b\n",
        );
        assert_eq!(t.items.len(), 2);
        assert_eq!((t.items[0].line, t.items[0].column), (2, 3));
        assert_eq!(t.items[1].items[0].uid.as_deref(), Some("u-b"));
        assert_eq!(t.items[1].items[0].line, 6);
        let bare = toc("nl/toc.yml", "- name: A\n  href: a.md\n");
        assert_eq!(bare.items[0].href.as_deref(), Some("a.md"));
    }

    /// Found by the `toc` fuzz target: a bare `-` item written with CRLF put the search for
    /// an item's keys in the middle of a character.
    #[test]
    fn key_search_never_starts_inside_a_character() {
        let text = "items:\n- name: Überblick\n  href: ../\n-\r\n  href: edit-paragraph.md\r\n\
                    - name: Bilder e\u{fffd}nfügen\r\n  href: insert-images-in-message.md\r\n\
                    - name: Merge tags hinzufügen\r\n  href: add-merge-tag.md\r\n\
                    - name: Einen Link hinzuf\u{fffd}";
        // The value ends the file unquoted: a parse error or a toc, never a panic.
        let _ = parse(&SourceFile::new("nl/toc.yml", text));
    }

    #[test]
    fn bare_items_are_found_whatever_ends_their_line() {
        // Files read from disk have LF only; text handed over directly may keep CRLF.
        for nl in ["\n", "\r\n"] {
            let text = format!(
                "items:{nl}-{nl}  name: A{nl}  href: a.md{nl}- name: B{nl}  href: b.md{nl}"
            );
            let toc = parse(&SourceFile::new("nl/toc.yml", &text)).unwrap();
            let at: Vec<(&str, u32, u32)> = toc
                .items
                .iter()
                .map(|i| (i.name.as_str(), i.line, i.column))
                .collect();
            assert_eq!(at, [("A", 3, 1), ("B", 5, 3)], "{nl:?}");
        }
    }

    #[test]
    fn bad_yaml_is_located() {
        let err = parse(&SourceFile::new("nl/toc.yml", "items:\n- name: [x\n")).unwrap_err();
        assert_eq!(err.code, "toc");
        assert!(err.line >= 2, "{err:?}");
        let err = parse(&SourceFile::new("nl/toc.yml", "items: 3\n")).unwrap_err();
        assert!(err.message.contains("list"), "{err:?}");
    }

    #[test]
    fn nests_tocs_and_survives_cycles() {
        let mut files = BTreeMap::new();
        files.insert(
            "nl/a/toc.yml".to_owned(),
            toc("nl/a/toc.yml", "- name: Intro\n  href: index.md\n- name: Sub\n  href: sub/toc.yml\n  topicHref: b.md\n- name: Gone\n  href: gone.md\n"),
        );
        files.insert(
            "nl/a/sub/toc.yml".to_owned(),
            toc(
                "nl/a/sub/toc.yml",
                "- name: C\n  href: c.md\n- name: Back\n  href: ../toc.yml\n",
            ),
        );
        let tocs = Tocs::build(files, &Pages, &|_| false);
        let tree = &tocs.trees["nl/a/toc.yml"];
        assert_eq!(tree[1].url.as_deref(), Some("nl/a/b.html"));
        assert_eq!(tree[1].children[0].url.as_deref(), Some("nl/a/sub/c.html"));
        // The cycle back to nl/a/toc.yml is not expanded again.
        assert!(tree[1].children[1].children.is_empty());
        let missing: Vec<&TocRef> = tocs.refs.iter().filter(|r| !r.found).collect();
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(
            (missing[0].raw.as_str(), missing[0].line, missing[0].column),
            ("gone.md", 7, 9)
        );
        assert_eq!(tocs.parents["nl/a/sub/toc.yml"], ["nl/a/toc.yml"]);
        assert_eq!(
            tocs.nearest("nl/a/sub/deeper/x.md"),
            Some("nl/a/sub/toc.yml")
        );
        assert_eq!(tocs.nearest("nl/other/x.md"), None);
        let flat = flatten(tree);
        assert_eq!(positions(&flat)[&2], 2);
    }

    /// Each toc nests the next one twice: without a bound the tree of the first doubles
    /// at every level (2^30 entries). It is cut short with an error at the entry.
    #[test]
    fn nesting_that_doubles_per_level_is_bounded() {
        let mut files = BTreeMap::new();
        let mut dir = "nl".to_owned();
        for i in 0..30 {
            let rel = format!("{dir}/toc.yml");
            let text = format!("- name: A{i}\n  href: t/toc.yml\n- name: B{i}\n  href: t/\n");
            files.insert(rel.clone(), toc(&rel, &text));
            dir.push_str("/t");
        }
        let started = std::time::Instant::now();
        let tocs = Tocs::build(files, &Pages, &|_| false);
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        let size = |t: &[Node]| flatten(t).len();
        // Past the budget only the entries of the tocs already being nested are added.
        assert!(size(&tocs.trees["nl/toc.yml"]) <= MIN_TREE_BUDGET + 2 * 30);
        assert!(tocs.diagnostics.iter().any(|d| d.code == "toc-limit"));
        assert!(tocs.diagnostics.iter().all(|d| d.code == "toc-limit"));
    }

    /// Thirty tocs each nest one big toc: every tree alone is within its budget, all of
    /// them together are not. The trees get what is left in name order, as when they are
    /// expanded one after the other: the first ones are whole, the last ones are cut.
    #[test]
    fn the_total_budget_is_spent_in_name_order() {
        let mut files = BTreeMap::new();
        let big: String = (0..9_000).map(|i| format!("- name: E{i}\n")).collect();
        files.insert("nl/big/toc.yml".to_owned(), toc("nl/big/toc.yml", &big));
        for i in 0..30 {
            let rel = format!("nl/t{i:02}/toc.yml");
            let text = "- name: Big\n  href: ../big/toc.yml\n";
            files.insert(rel.clone(), toc(&rel, text));
        }
        let tocs = Tocs::build(files, &Pages, &|_| false);
        // 200,000 entries: 9,000 for the big toc's own tree, 9,001 for each of the next 21;
        // the 22nd still nests (1,978 left when it does); the rest have nothing left.
        let children: Vec<usize> = (0..30)
            .map(|i| tocs.trees[&format!("nl/t{i:02}/toc.yml")][0].children.len())
            .collect();
        let expected: Vec<usize> = (0..30).map(|i| if i <= 21 { 9_000 } else { 0 }).collect();
        assert_eq!(children, expected);
        let cut: Vec<&str> = tocs
            .diagnostics
            .iter()
            .filter(|d| d.code == "toc-limit")
            .map(|d| d.file.as_str())
            .collect();
        let expected: Vec<String> = (22..30).map(|i| format!("nl/t{i:02}/toc.yml")).collect();
        assert_eq!(cut, expected);
    }

    /// Two thousand tocs each nest one big toc: expanded alone, each tree is small, but
    /// all of them would be ten million entries. The total budget bounds the work also
    /// when the trees are expanded side by side.
    #[test]
    fn many_tocs_nesting_one_big_toc_are_bounded_by_the_total() {
        let mut files = BTreeMap::new();
        let big: String = (0..5_000)
            .map(|i| format!("- name: E{i}\n  href: e.md\n"))
            .collect();
        files.insert("nl/big/toc.yml".to_owned(), toc("nl/big/toc.yml", &big));
        for i in 0..2_000 {
            let rel = format!("nl/t{i:04}/toc.yml");
            let text = "- name: Big\n  href: ../big/toc.yml\n";
            files.insert(rel.clone(), toc(&rel, text));
        }
        // Every entry expanded asks whether its target exists: that counts the work.
        let asked = AtomicUsize::new(0);
        let exists = |_: &str| {
            asked.fetch_add(1, Ordering::Relaxed);
            false
        };
        let tocs = Tocs::build(files, &Pages, &exists);
        // The trees side by side (at most the total, and a tree per thread more), then
        // one after the other: ten million without the bound.
        let asked = asked.into_inner();
        assert!(asked < 500_000, "{asked} entries expanded");
        // 200,000 entries: 5,000 for the big toc, 5,001 for each of the next 38, and the
        // 39th still nests (4,961 left when it does).
        let whole = (0..2_000)
            .filter(|i| {
                !tocs.trees[&format!("nl/t{i:04}/toc.yml")][0]
                    .children
                    .is_empty()
            })
            .count();
        assert_eq!(whole, 39);
        let cut = tocs
            .diagnostics
            .iter()
            .filter(|d| d.code == "toc-limit")
            .count();
        assert_eq!(cut, 2_000 - 39);
    }

    #[test]
    fn a_toc_that_nests_itself_is_reported() {
        let mut files = BTreeMap::new();
        files.insert(
            "nl/toc.yml".to_owned(),
            toc(
                "nl/toc.yml",
                "- name: Self\n  href: toc.yml\n- name: Folder\n  href: ./\n",
            ),
        );
        let tocs = Tocs::build(files, &Pages, &|_| false);
        let d: Vec<(&str, u32)> = tocs.diagnostics.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(d, [("toc-cycle", 1), ("toc-cycle", 3)]);
        assert!(
            tocs.diagnostics[0]
                .message
                .contains("(nl/toc.yml → nl/toc.yml)"),
            "{}",
            tocs.diagnostics[0].message
        );
        assert_eq!(tocs.trees["nl/toc.yml"].len(), 2);
    }
}
