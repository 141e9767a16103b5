//! The site model: pages by language and path, the uid index, tocs, language pairs and
//! redirects. Built once, sequentially, from the discovered [`Content`]; immutable after.

pub mod landing;
pub mod toc;
pub mod url;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::discover::{Content, extension};
use crate::frontmatter::{self, FrontMatter};
use crate::markdown;
use crate::path;
use crate::source::SourceFile;

pub use landing::Landing;
pub use toc::Tocs;

/// What a page renders as.
#[derive(Debug, Clone)]
pub enum PageKind {
    /// A Markdown page.
    Markdown,
    /// An `index.yml` landing page.
    Landing(Box<Landing>),
    /// A `redirect_url` stub: the page only sends readers elsewhere.
    Redirect {
        /// Site URL (internal) or absolute URL.
        to: String,
        /// Whether `to` leaves the site.
        external: bool,
    },
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Source path relative to the content root, e.g. `nl/admin/license/index.md`.
    pub rel: String,
    /// Language code (the top-level folder).
    pub lang: String,
    /// Path below the language folder; pages pair across languages by it.
    pub path: String,
    /// Site URL, e.g. `nl/admin/license/index.html`.
    pub url: String,
    /// The source.
    pub file: Arc<SourceFile>,
    /// Front matter.
    pub fm: FrontMatter,
    /// Where the Markdown body starts in `file`.
    pub body_offset: usize,
    /// Title: front matter, else the first `# heading`, else the file name.
    pub title: String,
    /// Markdown, landing or redirect.
    pub kind: PageKind,
}

impl Page {
    /// Whether the page goes into search and the sitemap.
    pub fn indexed(&self) -> bool {
        self.fm.index != Some(false) && !matches!(self.kind, PageKind::Redirect { .. })
    }
}

/// A redirect stub to write for an old URL (`redirect_from`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// File to write, relative to the output root.
    pub out_file: String,
    /// The old URL as written.
    pub from: String,
    /// Page the stub leads to.
    pub page: usize,
}

/// Takes out of the site the assets whose output path is also written by something else:
/// a page (`nl/a.md` and `nl/a.html`), a redirect stub or the theme's own folder. Both
/// would be written to one file, the winner depending on thread timing.
fn drop_clashing_assets(site: &mut Site, diags: &mut Vec<Diagnostic>) {
    let stubs: BTreeSet<&str> = site.redirects.iter().map(|r| r.out_file.as_str()).collect();
    let theme = format!("{}/", crate::theme::STATIC_DIR);
    let clashing: Vec<String> = site
        .content
        .assets
        .iter()
        .filter(|a| {
            site.by_out.contains_key(a.as_str())
                || stubs.contains(a.as_str())
                || a.starts_with(&theme)
        })
        .cloned()
        .collect();
    for rel in clashing {
        let by = match site.by_out.get(&rel) {
            Some(&i) => format!("page {}", site.pages[i].rel),
            None if rel.starts_with(&theme) => "the theme's files".to_owned(),
            None => "a redirect stub".to_owned(),
        };
        diags.push(Diagnostic::warning(
            "asset-clash",
            &rel,
            (0, 0),
            format!("{by} is written to {rel} as well; this file is not copied (rename it)"),
        ));
        site.content.assets.remove(&rel);
    }
}

/// The whole site, resolved.
#[derive(Debug)]
pub struct Site {
    /// Configuration.
    pub config: Config,
    /// Discovered files.
    pub content: Content,
    /// Language a missing translation falls back to.
    pub default_lang: String,
    /// Pages, sorted by source path.
    pub pages: Vec<Page>,
    /// Page index by source path.
    pub by_rel: FxHashMap<String, usize>,
    /// Page index by uid.
    pub by_uid: FxHashMap<String, usize>,
    /// Page index by output file.
    pub by_out: BTreeMap<String, usize>,
    /// Language pairs: path below the language folder → language → page.
    pub pairs: FxHashMap<String, BTreeMap<String, usize>>,
    /// Navigation.
    pub tocs: Tocs,
    /// `redirect_from` stubs, sorted by file.
    pub redirects: Vec<Redirect>,
    /// Every file some page includes (content-relative).
    pub included: BTreeSet<String>,
    /// Problems found while building the model.
    pub diagnostics: Vec<Diagnostic>,
}

impl Site {
    /// Builds the model from discovered content.
    pub fn build(config: Config, content: Content) -> Site {
        let mut diags = content.diagnostics.clone();
        let default_lang = config
            .default_language
            .clone()
            .filter(|l| content.languages.contains(l))
            .or_else(|| content.languages.iter().find(|l| *l == "en").cloned())
            .or_else(|| content.languages.first().cloned())
            .unwrap_or_else(|| "en".to_owned());

        let included = include_targets(&content);
        // Each file is read on its own (front matter, landing YAML, toc YAML), in parallel;
        // the results are assembled in path order, so the model does not depend on
        // which thread finished first.
        let files: Vec<(&String, &Arc<SourceFile>, &str)> = content
            .files
            .iter()
            .filter_map(|(rel, file)| content.lang_of(rel).map(|lang| (rel, file, lang)))
            .collect();
        let parsed: Vec<Parsed> = files
            .par_iter()
            .map(|(rel, file, lang)| parse_file(&config, &included, rel, file, lang))
            .collect();
        let mut pages = Vec::with_capacity(parsed.len());
        let mut toc_files = BTreeMap::new();
        for p in parsed {
            match p {
                Parsed::Page(page, d) => {
                    diags.extend(d);
                    pages.push(*page);
                }
                Parsed::Toc(rel, toc) => {
                    toc_files.insert(rel, toc);
                }
                Parsed::Problem(d) => diags.push(d),
                Parsed::Nothing => {}
            }
        }

        assign_urls(&mut pages, config.pretty_urls, &mut diags);
        // The lookup tables do not depend on each other: built side by side.
        let ((by_rel, by_out), pairs) = rayon::join(
            || {
                rayon::join(
                    || -> FxHashMap<String, usize> {
                        let mut m = FxHashMap::default();
                        m.reserve(pages.len());
                        m.extend(pages.iter().enumerate().map(|(i, p)| (p.rel.clone(), i)));
                        m
                    },
                    || -> BTreeMap<String, usize> {
                        (pages.iter().enumerate())
                            .map(|(i, p)| (url::out_file(&p.url), i))
                            .collect()
                    },
                )
            },
            || {
                let mut pairs: FxHashMap<String, BTreeMap<String, usize>> = FxHashMap::default();
                for (i, page) in pages.iter().enumerate() {
                    pairs
                        .entry(page.path.clone())
                        .or_default()
                        .insert(page.lang.clone(), i);
                }
                pairs
            },
        );
        let mut by_uid = FxHashMap::default();
        for (i, page) in pages.iter().enumerate() {
            if let Some(uid) = &page.fm.uid {
                if let Some(&first) = by_uid.get(uid) {
                    let first: &Page = &pages[first];
                    diags.push(
                        Diagnostic::error(
                            "duplicate-uid",
                            &page.rel,
                            key_line(&page.file, "uid"),
                            format!(
                                "uid `{uid}` is also used by {}; uids must be unique",
                                first.rel
                            ),
                        )
                        .with_target(uid.clone()),
                    );
                } else {
                    by_uid.insert(uid.clone(), i);
                }
            }
        }

        let mut site = Site {
            config,
            content,
            default_lang,
            pages,
            by_rel,
            by_uid,
            by_out,
            pairs,
            tocs: Tocs::default(),
            redirects: Vec::new(),
            included,
            diagnostics: Vec::new(),
        };
        // Tocs and redirects read the pages, not each other: built side by side.
        let exists = |rel: &str| site.content.exists(rel);
        let (mut tocs, (redirects, mut redirect_diags)) = rayon::join(
            || Tocs::build(toc_files, &site, &exists),
            || {
                let mut d = Vec::new();
                (redirects(&site, &mut d), d)
            },
        );
        diags.append(&mut tocs.diagnostics);
        diags.append(&mut redirect_diags);
        site.tocs = tocs;
        site.redirects = redirects;
        drop_clashing_assets(&mut site, &mut diags);
        site.diagnostics = diags;
        site
    }

    /// The page governing toc and its expanded tree, for a page.
    pub fn toc_of(&self, page: &Page) -> Option<(&str, &[toc::Node])> {
        let name = self.tocs.nearest(&page.rel)?;
        Some((
            name,
            self.tocs.trees.get(name).map_or(&[][..], Vec::as_slice),
        ))
    }

    /// The languages of the site, in switcher order.
    pub fn languages(&self) -> &[String] {
        &self.content.languages
    }
}

/// What one content file turned out to be.
enum Parsed {
    Page(Box<Page>, Vec<Diagnostic>),
    Toc(String, toc::TocFile),
    Problem(Diagnostic),
    Nothing,
}

fn parse_file(
    config: &Config,
    included: &BTreeSet<String>,
    rel: &str,
    file: &Arc<SourceFile>,
    lang: &str,
) -> Parsed {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if name == "toc.yml" {
        return match toc::parse(file) {
            Ok(t) => Parsed::Toc(rel.to_owned(), t),
            Err(d) => Parsed::Problem(d),
        };
    }
    let in_includes = rel.split('/').any(|s| s == "includes");
    match extension(rel) {
        "md" | "markdown" if !in_includes => {
            let (fm, split, fm_diags) = frontmatter::parse(file);
            if split.yaml.is_none() && included.contains(rel) {
                // A fragment without front matter that pages include: not a page.
                return Parsed::Nothing;
            }
            let body_offset = split.body_offset;
            let title = fm
                .title
                .clone()
                .or_else(|| markdown::first_heading(split.body))
                .unwrap_or_else(|| file_title(rel));
            let kind = match &fm.redirect_url {
                Some(to) => redirect_target(config, rel, to),
                None => PageKind::Markdown,
            };
            let page = Page {
                rel: rel.to_owned(),
                lang: lang.to_owned(),
                path: rel[lang.len() + 1..].to_owned(),
                url: String::new(),
                file: file.clone(),
                fm,
                body_offset,
                title,
                kind,
            };
            Parsed::Page(Box::new(page), fm_diags)
        }
        "yml" | "yaml" if landing::mime(&file.text).is_some() => match landing::parse(file) {
            Ok(l) => {
                let fm = FrontMatter {
                    title: Some(l.title.clone()),
                    description: l.description.clone().or_else(|| l.summary.clone()),
                    language: l.language.clone(),
                    ..FrontMatter::default()
                };
                let page = Page {
                    rel: rel.to_owned(),
                    lang: lang.to_owned(),
                    path: rel[lang.len() + 1..].to_owned(),
                    url: String::new(),
                    file: file.clone(),
                    title: if l.title.is_empty() {
                        file_title(rel)
                    } else {
                        l.title.clone()
                    },
                    fm,
                    body_offset: 0,
                    kind: PageKind::Landing(Box::new(l)),
                };
                Parsed::Page(Box::new(page), Vec::new())
            }
            Err(d) => Parsed::Problem(d),
        },
        _ => Parsed::Nothing,
    }
}

impl markdown::Resolve for Site {
    fn page_url(&self, rel: &str) -> Option<&str> {
        self.by_rel.get(rel).map(|&i| self.pages[i].url.as_str())
    }

    fn would_be_url(&self, rel: &str) -> String {
        url::page_url(rel, self.config.pretty_urls)
    }

    fn uid(&self, uid: &str) -> Option<(&str, &str)> {
        self.by_uid
            .get(uid)
            .map(|&i| (self.pages[i].url.as_str(), self.pages[i].title.as_str()))
    }

    fn file(&self, rel: &str) -> Option<&Arc<SourceFile>> {
        self.content.files.get(rel)
    }
}

impl toc::Lookup for Site {
    fn page(&self, rel: &str) -> Option<(usize, &str)> {
        self.by_rel
            .get(rel)
            .map(|&i| (i, self.pages[i].url.as_str()))
    }

    fn uid(&self, uid: &str) -> Option<(usize, &str)> {
        self.by_uid
            .get(uid)
            .map(|&i| (i, self.pages[i].url.as_str()))
    }
}

/// `nl/admin/license-faq.md` → `license-faq`; `index` files take their folder's name.
fn file_title(rel: &str) -> String {
    let mut parts = rel.rsplit('/');
    let name = parts.next().unwrap_or(rel);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if stem == "index" {
        parts.next().unwrap_or(stem).to_owned()
    } else {
        stem.to_owned()
    }
}

/// Gives every page its URL. With pretty URLs, `foo.md` beside `foo/index.md` would share
/// `foo/`; it gets `foo.html` instead. Any other clash is an error.
fn assign_urls(pages: &mut [Page], pretty: bool, diags: &mut Vec<Diagnostic>) {
    // Each page's URL on its own, in parallel; only claiming them is serial.
    let mut urls: Vec<String> = pages
        .par_iter()
        .map(|p| url::page_url(&p.rel, pretty))
        .collect();
    let mut taken: FxHashMap<String, usize> = FxHashMap::default();
    taken.reserve(pages.len());
    // Index pages first, so they keep the folder URL.
    let mut order: Vec<(bool, &str, usize)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = p.rel.rsplit('/').next().unwrap_or("");
            (!name.starts_with("index."), p.rel.as_str(), i)
        })
        .collect();
    order.par_sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, _, i)| i).collect();
    for i in order {
        let mut u = std::mem::take(&mut urls[i]);
        if taken.contains_key(&u) && pretty {
            u = url::page_url(&pages[i].rel, false);
        }
        if let Some(&other) = taken.get(&u) {
            diags.push(Diagnostic::error(
                "duplicate-url",
                &pages[i].rel,
                (0, 0),
                format!(
                    "{} and {} both become {u}; rename one of them",
                    pages[other].rel, pages[i].rel
                ),
            ));
            u = format!(
                "{}.{}.html",
                u.trim_end_matches('/').trim_end_matches(".html"),
                extension(&pages[i].rel)
            );
        }
        taken.insert(u.clone(), i);
        pages[i].url = u;
    }
}

fn redirect_target(config: &Config, rel: &str, to: &str) -> PageKind {
    let to = to.trim();
    if let Some(base) = &config.base_url
        && let Some(local) = to.strip_prefix(base.as_str())
    {
        return PageKind::Redirect {
            to: local.to_owned(),
            external: false,
        };
    }
    if path::is_external(to) {
        return PageKind::Redirect {
            to: to.to_owned(),
            external: true,
        };
    }
    let (p, anchor) = path::split_anchor(to);
    let target = if let Some(abs) = p.strip_prefix('/') {
        abs.to_owned()
    } else {
        let joined = path::join(crate::source::parent_dir(rel), p).unwrap_or_default();
        match extension(&joined) {
            "md" | "yml" => url::page_url(&joined, config.pretty_urls),
            _ => joined,
        }
    };
    PageKind::Redirect {
        to: match anchor {
            Some(a) => format!("{target}#{a}"),
            None => target,
        },
        external: false,
    }
}

fn redirects(site: &Site, diags: &mut Vec<Diagnostic>) -> Vec<Redirect> {
    let base_path = site.config.base_path();
    let mut out: BTreeMap<String, Redirect> = BTreeMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        for from in &page.fm.redirect_from {
            // Where the value stands matters only to a diagnostic: looked up then.
            let pos = || value_line(&page.file, from);
            let Some(file) = url::redirect_file(from, &base_path) else {
                diags.push(
                    Diagnostic::error(
                        "redirect-clash",
                        &page.rel,
                        pos(),
                        format!(
                            "redirect_from `{from}` is not a site URL; write it like /nl/old/page"
                        ),
                    )
                    .with_target(from.clone()),
                );
                continue;
            };
            if let Some(&live) = site.by_out.get(&file) {
                // A `redirect_url` stub at the old URL that already leads here agrees with
                // this redirect: it is written, this one is not needed.
                if let PageKind::Redirect { to, .. } = &site.pages[live].kind {
                    if !leads_to(to, &page.url) {
                        diags.push(
                            Diagnostic::warning(
                                "redirect-clash",
                                &page.rel,
                                pos(),
                                format!(
                                    "redirect_from `{from}` is also the redirect_url stub {}, which leads to {to}; \
                                     make both lead to the same page",
                                    site.pages[live].rel
                                ),
                            )
                            .with_target(from.clone()),
                        );
                    }
                    continue;
                }
                diags.push(
                    Diagnostic::error(
                        "redirect-clash",
                        &page.rel,
                        pos(),
                        format!(
                            "redirect_from `{from}` is the URL of the live page {}; remove the redirect or the page",
                            site.pages[live].rel
                        ),
                    )
                    .with_target(from.clone()),
                );
                continue;
            }
            if let Some(prev) = out.get(&file) {
                let other = &site.pages[prev.page];
                if prev.page != i {
                    diags.push(
                        Diagnostic::error(
                            "redirect-clash",
                            &page.rel,
                            pos(),
                            format!(
                                "redirect_from `{from}` is also claimed by {}; keep it on one page",
                                other.rel
                            ),
                        )
                        .with_target(from.clone()),
                    );
                }
                continue;
            }
            out.insert(
                file.clone(),
                Redirect {
                    out_file: file,
                    from: from.clone(),
                    page: i,
                },
            );
        }
    }
    out.into_values().collect()
}

/// Whether a redirect target (site URL or absolute URL on any host) names the page at
/// site URL `url`, with or without its `.html` extension.
fn leads_to(to: &str, url: &str) -> bool {
    let to = path::split_anchor(to).0;
    let bare = url.strip_suffix(".html").unwrap_or(url);
    let ends = |u: &str| to == u || to.ends_with(&format!("/{u}"));
    ends(url) || ends(bare)
}

/// Line and column of `key:` in a file's front matter.
pub fn key_line(file: &SourceFile, key: &str) -> (u32, u32) {
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        if line.starts_with(key) && line[key.len()..].trim_start().starts_with(':') {
            return file.line_col(offset);
        }
        if offset > 0 && line.trim_end() == "---" {
            break;
        }
        offset += line.len();
    }
    (1, 1)
}

/// Line and column where `value` is written in a file's front matter.
fn value_line(file: &SourceFile, value: &str) -> (u32, u32) {
    let finder = memchr::memmem::Finder::new(value.as_bytes());
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        if let Some(col) = finder.find(line.as_bytes()) {
            return file.line_col(offset + col);
        }
        if offset > 0 && line.trim_end() == "---" {
            break;
        }
        offset += line.len();
    }
    (1, 1)
}

/// Every file named by an `[!include[…](path)]` in a Markdown file of the content.
fn include_targets(content: &Content) -> BTreeSet<String> {
    let markdown: Vec<&Arc<SourceFile>> = content
        .files
        .iter()
        .filter(|(rel, _)| matches!(extension(rel), "md" | "markdown"))
        .map(|(_, f)| f)
        .collect();
    markdown
        .par_iter()
        .flat_map_iter(|file| {
            markdown::include_refs(&file.text)
                .into_iter()
                .filter_map(|(_, target)| {
                    let p = path::percent_decode(path::split_anchor(&target).0);
                    match p.strip_prefix("~/") {
                        Some(r) => path::join("", r),
                        None => path::join(file.dir(), &p),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)], pretty: bool) -> Site {
        let mut config = Config::from_raw(Default::default(), std::path::Path::new("")).unwrap();
        config.pretty_urls = pretty;
        let content = Content::from_memory(&["nl", "de"], files.iter().copied());
        Site::build(config, content)
    }

    #[test]
    fn pages_pairs_uids_and_fragments() {
        let s = site(
            &[
                ("nl/a.md", "---\nuid: a\ntitle: A nl\n---\nbody"),
                ("de/a.md", "---\nuid: a-de\n---\n# A de\n"),
                ("nl/includes/tip.md", "tip"),
                ("nl/frag.md", "fragment without front matter"),
                ("nl/b.md", "---\ntitle: B\n---\n[!include[x](frag.md)]"),
                ("nl/empty.md", ""),
                (
                    "nl/admin/index.yml",
                    "### YamlMime:Landing\ntitle: Beheer\n",
                ),
            ],
            false,
        );
        let rels: Vec<&str> = s.pages.iter().map(|p| p.rel.as_str()).collect();
        assert_eq!(
            rels,
            [
                "de/a.md",
                "nl/a.md",
                "nl/admin/index.yml",
                "nl/b.md",
                "nl/empty.md"
            ]
        );
        assert_eq!(s.pages[0].title, "A de");
        assert_eq!(s.pages[4].title, "empty");
        assert_eq!(s.pairs["a.md"].len(), 2);
        assert_eq!(s.by_uid["a"], 1);
        assert_eq!(s.default_lang, "nl");
        assert!(matches!(s.pages[2].kind, PageKind::Landing(_)));
    }

    #[test]
    fn pretty_urls_do_not_collide_with_folders() {
        let s = site(
            &[
                ("nl/foo.md", "# Foo"),
                ("nl/foo/index.md", "# Foo index"),
                ("nl/bar.md", "# Bar"),
            ],
            true,
        );
        let urls: BTreeMap<&str, &str> = s
            .pages
            .iter()
            .map(|p| (p.rel.as_str(), p.url.as_str()))
            .collect();
        assert_eq!(urls["nl/foo/index.md"], "nl/foo/");
        assert_eq!(urls["nl/foo.md"], "nl/foo.html");
        assert_eq!(urls["nl/bar.md"], "nl/bar/");
        assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    }

    #[test]
    fn duplicate_uids_and_redirect_clashes() {
        let s = site(
            &[
                ("nl/a.md", "---\nuid: x\nredirect_from: /nl/old\n---\n"),
                (
                    "nl/b.md",
                    "---\ntitle: B\nuid: x\nredirect_from:\n  - /nl/old\n  - /nl/a\n---\n",
                ),
                (
                    "nl/c.md",
                    "---\nredirect_url: https://example.com/x.html\n---\n",
                ),
            ],
            false,
        );
        let codes: Vec<(&str, &str, u32)> = s
            .diagnostics
            .iter()
            .map(|d| (d.code, d.file.as_str(), d.line))
            .collect();
        assert!(
            codes.contains(&("duplicate-uid", "nl/b.md", 3)),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("redirect-clash", "nl/b.md", 5)),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("redirect-clash", "nl/b.md", 6)),
            "{codes:?}"
        );
        assert_eq!(s.redirects.len(), 1);
        assert_eq!(s.redirects[0].out_file, "nl/old.html");
        assert!(matches!(
            &s.pages[2].kind,
            PageKind::Redirect { external: true, .. }
        ));
    }
}
