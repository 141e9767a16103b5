//! Rendering: every page, landing page, redirect stub, language home, 404 and sitemap to
//! `(path, bytes)`, handed to a [`Sink`]. Pages render in parallel over the immutable
//! [`Site`]; navigation (sidebar, breadcrumbs, previous/next, language switcher) is
//! computed here from the toc trees.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::markdown::{self, Heading, Link, LinkKind};
use crate::model::toc::{self, Flat, Node};
use crate::model::{Page, PageKind, Site, url};
use crate::output::Sink;
use crate::path::{self, relative_url, root_prefix};
use crate::theme::{STATIC_DIR, Theme};

mod page_html;

/// What rendering learned about one page, for `check` and `serve`.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// Index of the page in `site.pages`.
    pub page: usize,
    /// Every reference in the page and its includes.
    pub links: Vec<Link>,
    /// Every id a link can target.
    pub anchors: Vec<String>,
    /// Files the page includes.
    pub includes: Vec<String>,
    /// What the search index needs (indexed pages, when writing output).
    pub search: Option<crate::search::SearchDoc>,
}

/// The result of rendering a site.
#[derive(Debug, Default)]
pub struct Report {
    /// Facts per page, in page order.
    pub pages: Vec<PageFacts>,
    /// Problems found while rendering.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of files handed to the sink.
    pub files: usize,
    /// Whether the site has a license report (pages link to it).
    pub license: bool,
}

/// The navigation trees flattened once for all pages.
struct Nav<'a> {
    /// Per toc: its nodes depth-first, the first position of each page, and the size of
    /// each node's subtree (itself included).
    flat: FlatTocs<'a>,
    /// Per toc: the nodes of the tocs that nest it, outermost first (breadcrumbs).
    chains: FxHashMap<&'a str, Vec<&'a Node>>,
}

impl<'a> Nav<'a> {
    fn new(site: &'a Site) -> Nav<'a> {
        let flat: FxHashMap<&str, _> = site
            .tocs
            .trees
            .par_iter()
            .map(|(name, tree)| {
                let flat = toc::flatten(tree);
                let pos = toc::positions(&flat);
                let mut sizes = vec![1usize; flat.len()];
                for i in (0..flat.len()).rev() {
                    if let Some(p) = flat[i].parent {
                        sizes[p] += sizes[i];
                    }
                }
                (name.as_str(), (flat, pos, sizes))
            })
            .collect();
        // Per toc: where in its flat list each toc it nests first appears.
        let nested_at: NestedAt<'_> = flat
            .par_iter()
            .map(|(&name, (nodes, _, _))| {
                let mut at = FxHashMap::default();
                for (i, f) in nodes.iter().enumerate() {
                    if let Some(nested) = f.node.nested.as_deref() {
                        at.entry(nested).or_insert(i);
                    }
                }
                (name, at)
            })
            .collect();
        let chains = site
            .tocs
            .trees
            .par_iter()
            .map(|(name, _)| {
                let mut seen = HashSet::new();
                (
                    name.as_str(),
                    chain(site, &flat, &nested_at, name, &mut seen),
                )
            })
            .collect();
        Nav { flat, chains }
    }
}

/// Per toc: its nodes depth-first, each page's first position, each node's subtree size.
type FlatTocs<'a> = FxHashMap<&'a str, (Vec<Flat<'a>>, FxHashMap<usize, usize>, Vec<usize>)>;

/// A date as `YYYY-MM-DD`, as chrono's `%Y-%m-%d` writes it, without parsing that
/// format for every page.
fn iso_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike as _;
    if (0..=9999).contains(&date.year()) {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

/// Per toc: the first position in its flat list of each toc it nests.
type NestedAt<'a> = FxHashMap<&'a str, FxHashMap<&'a str, usize>>;

/// The nodes of the tocs that nest `toc_name` (through the first parent that does),
/// outermost first: computed once per toc, not per page.
fn chain<'a>(
    site: &'a Site,
    flat: &FlatTocs<'a>,
    nested_at: &NestedAt<'_>,
    toc_name: &str,
    seen: &mut HashSet<String>,
) -> Vec<&'a Node> {
    if !seen.insert(toc_name.to_owned()) || seen.len() > 16 {
        return Vec::new();
    }
    let Some(parents) = site.tocs.parents.get(toc_name) else {
        return Vec::new();
    };
    for parent in parents {
        let Some((nodes, _, _)) = flat.get(parent.as_str()) else {
            continue;
        };
        let Some(&pos) = nested_at
            .get(parent.as_str())
            .and_then(|at| at.get(toc_name))
        else {
            continue;
        };
        let mut out = chain(site, flat, nested_at, parent, seen);
        let mut local = vec![nodes[pos].node];
        let mut p = nodes[pos].parent;
        while let Some(i) = p {
            local.push(nodes[i].node);
            p = nodes[i].parent;
        }
        local.reverse();
        out.extend(local);
        return out;
    }
    Vec::new()
}

/// Tocs up to this many entries are embedded whole in every page's sidebar; larger ones
/// show the current page's branch, the top two levels and the siblings along the way, so
/// a site-wide toc does not put thousands of links into every page.
const SIDEBAR_FULL: usize = 400;

/// Values shared by every page of one language, built once.
struct LangValues<'a> {
    t: tera::Value,
    site: tera::Value,
    language_name: String,
    /// The strings of `t`, for the built-in page writer.
    strings: &'a BTreeMap<String, String>,
}

/// Renders the whole site into `sink`.
pub fn render_site(site: &Site, theme: &Theme, sink: &dyn Sink) -> Report {
    render_site_counted(site, theme, sink, &AtomicUsize::new(0), |_| ()).0
}

/// [`render_site`], counting rendered pages in `done` as it goes (for a progress line),
/// and running `beside` on the pages' report while the search index is written (the
/// checks, which need the pages but not the index).
pub fn render_site_counted<T: Send>(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    done: &AtomicUsize,
    beside: impl FnOnce(&Report) -> T + Send,
) -> (Report, T) {
    let license = crate::license::SiteReport::load(&site.config);
    let mut r = Renderer::new(site, theme, sink, license.available());
    r.done = Some(done);
    let all: Vec<usize> = (0..site.pages.len()).collect();
    let mut report = Report::default();
    // The files that do not depend on what the pages render (redirect stubs, language
    // homes, 404, sitemap, theme files, assets) are written beside the pages, so no
    // thread waits on a long serial one (the sitemap) at the end.
    let (pages, mut extra) = rayon::join(
        || r.pages(&all),
        || {
            if !r.output {
                return Vec::new();
            }
            vec![
                r.redirect_stubs(),
                r.homes(),
                r.root_index(),
                r.not_found(),
                r.sitemap(),
                r.statics(),
                r.assets(),
            ]
        },
    );
    for (facts, diags) in pages {
        report.pages.push(facts);
        report.diagnostics.extend(diags);
    }
    report.files += site.pages.len();
    report.license = license.available();
    // The license report's diagnostics (a bad snapshot) matter to `check` too.
    let (n, diags) = license.render(site, theme, sink);
    report.files += n;
    report.diagnostics.extend(diags);

    if !r.output {
        let t = beside(&report);
        return (report, t);
    }
    let docs: Vec<(usize, &str, &crate::search::SearchDoc)> = report
        .pages
        .iter()
        .filter_map(|f| {
            f.search
                .as_ref()
                .map(|d| (f.page, site.pages[f.page].lang.as_str(), d))
        })
        .collect();
    let collector = std::mem::take(&mut r.search);
    let (index, t) = rayon::join(
        || crate::search::write_index(site.languages(), collector, &docs, sink),
        || beside(&report),
    );
    extra.push(index);
    for e in extra {
        match e {
            Ok(n) => report.files += n,
            Err(d) => report.diagnostics.push(d),
        }
    }
    (report, t)
}

/// Renders only the given pages (by index) into `sink`: what `serve` does after an edit.
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    pages: &[usize],
    license_link: bool,
) -> Vec<(PageFacts, Vec<Diagnostic>)> {
    Renderer::new(site, theme, sink, license_link).pages(pages)
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        theme: &'a Theme,
        sink: &'a dyn Sink,
        license_link: bool,
    ) -> Renderer<'a> {
        let nav = Nav::new(site);
        let langs: HashMap<&str, LangValues<'_>> = site
            .languages()
            .iter()
            .map(|l| {
                let locale = theme.locale(l);
                let site_value = SiteValue {
                    title: &site.config.title,
                    base_url: site.config.base_url.as_deref(),
                    lang: l,
                    default_language: &site.default_lang,
                    extra: &site.config.extra,
                    license: license_link,
                };
                (
                    l.as_str(),
                    LangValues {
                        t: tera::Value::from_serializable(&locale.strings),
                        site: tera::Value::from_serializable(&site_value),
                        language_name: locale.get("language_name").to_owned(),
                        strings: &locale.strings,
                    },
                )
            })
            .collect();
        Renderer {
            output: sink.wants_output(),
            site,
            theme,
            nav,
            langs,
            sink,
            search: crate::search::Collector::default(),
            analyzers: site
                .languages()
                .iter()
                .map(|l| (l.as_str(), crate::search::Analyzer::new(l)))
                .collect(),
            done: None,
            web_base: site
                .config
                .base_url
                .as_deref()
                .filter(|b| b.contains("://")),
            base_path: site.config.base_path(),
            sidebar_links: std::sync::Mutex::default(),
            license_link,
            builtin_pages: page_html::TEMPLATES.iter().all(|t| theme.is_builtin(t)),
        }
    }

    fn pages(&self, pages: &[usize]) -> Vec<(PageFacts, Vec<Diagnostic>)> {
        // Small batches: a batch is never split once a thread starts it, and large ones
        // left one thread rendering alone at the end while the other waited.
        pages
            .par_iter()
            .with_max_len(16)
            .filter(|&&i| i < self.site.pages.len())
            .map(|&i| self.page(i))
            .collect()
    }
}

/// What every page template shares besides the breadcrumbs ([`Renderer::frame`]).
struct Frame<'p> {
    home: String,
    root: String,
    languages: Vec<Alternate<'p>>,
    hreflang: Vec<HrefLang<'p>>,
    sidebar: String,
    prev: Option<Neighbour>,
    next: Option<Neighbour>,
}

#[derive(Serialize)]
struct SiteValue<'a> {
    title: &'a str,
    base_url: Option<&'a str>,
    lang: &'a str,
    default_language: &'a str,
    extra: &'a serde_json::Value,
    license: bool,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct Neighbour {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct Alternate<'a> {
    code: &'a str,
    name: &'a str,
    href: String,
    current: bool,
    missing: bool,
}

#[derive(Serialize)]
struct HrefLang<'a> {
    hreflang: &'a str,
    href: String,
}

/// One page in the sitemap.
#[derive(Serialize)]
struct SitemapEntry<'a> {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<HrefLang<'a>>,
}

/// What the built-in `sitemap.xml` template makes of `urls`, written directly: the one
/// template rendered with the whole site in its context (a value per page and per
/// alternate) costs as much as a few hundred pages.
fn sitemap_xml(urls: &[SitemapEntry<'_>]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(256 + urls.len() * 512);
    let escaped = |out: &mut Vec<u8>, text: &str| {
        // Into a vector, writing cannot fail; the escaping is the template engine's own.
        let _ = tera::escape_html(text, out);
    };
    out.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for u in urls {
        out.extend_from_slice(b"<url>\n  <loc>");
        escaped(&mut out, &u.loc);
        out.extend_from_slice(b"</loc>");
        if let Some(lastmod) = u.lastmod.as_deref().filter(|m| !m.is_empty()) {
            out.extend_from_slice(b"\n  <lastmod>");
            escaped(&mut out, lastmod);
            out.extend_from_slice(b"</lastmod>");
        }
        for alt in &u.alternates {
            out.extend_from_slice(b"\n  <xhtml:link rel=\"alternate\" hreflang=\"");
            escaped(&mut out, alt.hreflang);
            out.extend_from_slice(b"\" href=\"");
            escaped(&mut out, &alt.href);
            out.extend_from_slice(b"\"/>");
        }
        out.extend_from_slice(b"\n</url>\n");
    }
    out.extend_from_slice(b"</urlset>\n");
    out
}

#[derive(Serialize)]
struct PageValue<'a> {
    title: &'a str,
    description: Option<&'a str>,
    keywords: String,
    author: Option<&'a str>,
    version: Option<&'a str>,
    date: Option<String>,
    date_iso: Option<String>,
    uid: Option<&'a str>,
    lang: &'a str,
    url: &'a str,
    path: &'a str,
    canonical: Option<String>,
    noindex: bool,
    content_type: Option<&'a str>,
    headings: Vec<&'a Heading>,
    content: String,
    extra: &'a BTreeMap<String, serde_json::Value>,
}

#[derive(Serialize)]
struct LandingValue {
    summary: Option<String>,
    highlighted: Vec<LandingLinkValue>,
    cards: Vec<CardValue>,
}

#[derive(Serialize)]
struct CardValue {
    title: String,
    groups: Vec<GroupValue>,
}

#[derive(Serialize)]
struct GroupValue {
    kind: Option<String>,
    links: Vec<LandingLinkValue>,
}

#[derive(Serialize)]
struct LandingLinkValue {
    text: String,
    href: String,
    image: Option<String>,
    /// A link to another web site (`rel="noopener"`).
    external: bool,
}

/// State of one sidebar's rendering.
struct SidebarWalk<'w> {
    page: &'w Page,
    /// Every node's link from the page's folder, by flat position (whole tocs only).
    links: Option<Arc<[NodeLink]>>,
    current: Option<usize>,
    open: &'w HashSet<usize>,
    sizes: &'w [usize],
    full: bool,
    /// Position in the flat list of the node being written.
    counter: usize,
}

struct Renderer<'a> {
    /// Whether files are wanted at all (`check` only needs the facts).
    output: bool,
    site: &'a Site,
    theme: &'a Theme,
    nav: Nav<'a>,
    langs: HashMap<&'a str, LangValues<'a>>,
    sink: &'a dyn Sink,
    /// Terms of the pages rendered, for the search index.
    search: crate::search::Collector,
    /// Stemmer and stop words per language.
    analyzers: HashMap<&'a str, crate::search::Analyzer>,
    /// Pages rendered so far, for a progress line.
    done: Option<&'a AtomicUsize>,
    /// `base_url` when it names a web site (`https://…`): canonical and alternate links.
    web_base: Option<&'a str>,
    /// The site's path on its host (`/` or `/docs/`), for links that must be absolute.
    base_path: String,
    /// The sidebar links of a whole toc as seen from one folder (links are relative, so
    /// every page of a folder shares them), keyed by toc and folder.
    sidebar_links: std::sync::Mutex<HashMap<String, Arc<[NodeLink]>>>,
    /// Whether the site links to the license report (`site.license`).
    license_link: bool,
    /// Whether the page templates are the built-in ones: pages are then written by
    /// [`page_html`] without the template engine.
    builtin_pages: bool,
}

/// A sidebar link, split where `aria-current` goes for the current page.
struct NodeLink {
    open: String,
    close: String,
    /// Whether the node can be the current page (not external, not plain text).
    local: bool,
}

impl NodeLink {
    fn write(&self, current: bool, html: &mut String) {
        html.push_str(&self.open);
        if current && self.local {
            html.push_str(" aria-current=\"page\"");
        }
        html.push_str(&self.close);
    }
}

impl Renderer<'_> {
    fn page(&self, i: usize) -> (PageFacts, Vec<Diagnostic>) {
        if let Some(done) = self.done {
            done.fetch_add(1, Ordering::Relaxed);
        }
        let site = self.site;
        let page = &site.pages[i];
        let mut facts = PageFacts {
            page: i,
            ..PageFacts::default()
        };
        let mut diags = Vec::new();
        let out_file = url::out_file(&page.url);
        let crumbs = if self.output && !matches!(page.kind, PageKind::Redirect { .. }) {
            self.breadcrumbs(page, site.toc_of(page).map(|(n, _)| n))
        } else {
            Vec::new()
        };
        let result = match &page.kind {
            PageKind::Redirect { to, external } => {
                let href = if *external {
                    to.clone()
                } else {
                    relative_url(&page.url, to)
                };
                let canonical = self.absolute(to, *external);
                self.redirect(&page.lang, &page.title, &href, &canonical)
            }
            PageKind::Markdown => {
                let locale = self.theme.locale(&page.lang);
                let ctx = markdown::Ctx {
                    resolve: site,
                    locale,
                    page_url: &page.url,
                };
                let rendered = markdown::render(&ctx, &page.file, page.body_offset);
                if self.output && page.indexed() {
                    facts.search = Some(self.search_doc(page, &rendered.html, &crumbs));
                }
                let result = if self.output {
                    let frame = self.frame(page);
                    let headings = rendered
                        .headings
                        .iter()
                        .filter(|h| h.level == 2 || h.level == 3)
                        .collect();
                    let value = self.page_value(page, headings, rendered.html);
                    match self.builtin_page(page, &frame, &crumbs, &value) {
                        Some(bytes) => Ok(bytes),
                        None => {
                            let mut context = self.context(page, frame, &crumbs);
                            context.insert("page", &value);
                            self.template("page.html", &context)
                        }
                    }
                } else {
                    Ok(Vec::new())
                };
                facts.links = rendered.links;
                facts.anchors = rendered.anchors;
                facts.includes = rendered.includes;
                diags.extend(rendered.diagnostics);
                result
            }
            PageKind::Landing(landing) => {
                let locale = self.theme.locale(&page.lang);
                let ctx = markdown::Ctx {
                    resolve: site,
                    locale,
                    page_url: &page.url,
                };
                let dir = page.file.dir().to_owned();
                // Resolves a target written at `at` and records it for `check`.
                let mut resolve = |written: &str, raw: &str, at: (u32, u32), kind: LinkKind| {
                    let (target, href) = markdown::links::resolve(&ctx, &dir, written);
                    facts.links.push(Link {
                        file: page.rel.clone(),
                        line: at.0,
                        column: at.1,
                        raw: raw.to_owned(),
                        kind,
                        target,
                    });
                    href.unwrap_or_else(|| raw.to_owned())
                };
                let mut highlighted = Vec::new();
                for l in &landing.highlighted {
                    let href = resolve(&l.url, &l.url, (l.line, l.column), LinkKind::Link);
                    let image = l.image.as_deref().map(|img| {
                        // DocFX reads `/media/x.png` here as relative to the site root,
                        // like `~/media/x.png`.
                        let written = match img.strip_prefix('/') {
                            Some(rest) if !rest.starts_with('/') => format!("~/{rest}"),
                            _ => img.to_owned(),
                        };
                        resolve(&written, img, l.image_at, LinkKind::Image)
                    });
                    highlighted.push(LandingLinkValue {
                        text: l.text.clone(),
                        href,
                        external: path::is_web(&l.url),
                        image,
                    });
                }
                let value = LandingValue {
                    summary: landing.summary.clone(),
                    highlighted,
                    cards: landing
                        .cards
                        .iter()
                        .map(|c| CardValue {
                            title: c.title.clone(),
                            groups: c
                                .groups
                                .iter()
                                .map(|g| GroupValue {
                                    kind: g.kind.clone(),
                                    links: g
                                        .links
                                        .iter()
                                        .map(|l| LandingLinkValue {
                                            text: l.text.clone(),
                                            href: resolve(
                                                &l.url,
                                                &l.url,
                                                (l.line, l.column),
                                                LinkKind::Link,
                                            ),
                                            external: path::is_web(&l.url),
                                            image: None,
                                        })
                                        .collect(),
                                })
                                .collect(),
                        })
                        .collect(),
                };
                if self.output && page.indexed() {
                    let mut text = landing.summary.clone().unwrap_or_default();
                    for card in &landing.cards {
                        text.push_str("<h2>");
                        text.push_str(&escape(&card.title));
                        text.push_str("</h2>");
                        for l in card.groups.iter().flat_map(|g| &g.links) {
                            text.push_str("<p>");
                            text.push_str(&escape(&l.text));
                            text.push_str("</p>");
                        }
                    }
                    facts.search = Some(self.search_doc(page, &text, &crumbs));
                }
                let mut context = self.context(page, self.frame(page), &crumbs);
                context.insert("page", &self.page_value(page, Vec::new(), String::new()));
                context.insert("landing", &value);
                self.template("landing.html", &context)
            }
        };
        if !self.output {
            return (facts, diags);
        }
        match result.and_then(|bytes| {
            self.sink
                .write(&out_file, &bytes)
                .map_err(|e| format!("cannot write {out_file}: {e:#}"))
        }) {
            Ok(()) => {}
            Err(msg) => diags.push(Diagnostic::error("render", &page.rel, (0, 0), msg)),
        }
        (facts, diags)
    }

    fn search_doc(&self, page: &Page, html: &str, crumbs: &[Crumb]) -> crate::search::SearchDoc {
        let Some(analyzer) = self.analyzers.get(page.lang.as_str()) else {
            return crate::search::SearchDoc::default();
        };
        let mut extra: Vec<&str> = page.fm.keywords.iter().map(String::as_str).collect();
        if let Some(d) = &page.fm.description {
            extra.push(d);
        }
        let text = self.search.page(
            analyzer,
            &page.lang,
            self.index_of(page),
            &page.title,
            &extra,
            html,
        );
        let crumbs: Vec<&str> = crumbs[..crumbs.len().saturating_sub(1)]
            .iter()
            .map(|c| c.title.as_str())
            .collect();
        crate::search::SearchDoc {
            title: page.title.clone(),
            url: page.url.clone(),
            crumbs: crumbs.join(" › "),
            text,
        }
    }

    fn template(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>, String> {
        let mut buf = Vec::with_capacity(16 * 1024);
        self.theme
            .tera
            .render_to(name, context, &mut buf)
            .map_err(|e| format!("template {name} failed: {}", crate::theme::error_chain(&e)))?;
        Ok(buf)
    }

    fn absolute(&self, site_url: &str, external: bool) -> String {
        if external {
            return site_url.to_owned();
        }
        match self.web_base {
            Some(base) => format!("{base}{site_url}"),
            None => format!("{}{site_url}", self.base_path),
        }
    }

    fn lang_values(&self, lang: &str) -> Option<&LangValues<'_>> {
        self.langs
            .get(lang)
            .or_else(|| self.langs.get(self.site.default_lang.as_str()))
    }

    /// What every page template shares besides the breadcrumbs: links home and to the
    /// other languages, the sidebar, the neighbours in the toc.
    fn frame<'p>(&'p self, page: &Page) -> Frame<'p> {
        let (languages, hreflang) = self.alternates(page);
        let toc = self.site.toc_of(page);
        let sidebar = toc.map(|(name, tree)| self.sidebar(page, name, tree));
        let (prev, next) = match toc {
            Some((name, _)) => self.prev_next(page, name),
            None => (None, None),
        };
        Frame {
            home: relative_url(&page.url, &self.home_url(&page.lang)),
            root: root_prefix(&page.url),
            languages,
            hreflang,
            sidebar: sidebar.unwrap_or_default(),
            prev,
            next,
        }
    }

    /// Context every page template shares: language, strings, navigation.
    fn context(&self, page: &Page, frame: Frame<'_>, crumbs: &[Crumb]) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("lang", &page.lang);
        if let Some(v) = self.lang_values(&page.lang) {
            c.insert_value("t", v.t.clone());
            c.insert_value("site", v.site.clone());
            c.insert("language_name", &v.language_name);
        }
        c.insert("home", &frame.home);
        c.insert("root", &frame.root);
        c.insert("languages", &frame.languages);
        c.insert("hreflang", &frame.hreflang);
        c.insert("sidebar", &frame.sidebar);
        c.insert("breadcrumbs", crumbs);
        c.insert("prev", &frame.prev);
        c.insert("next", &frame.next);
        c
    }

    /// The page as the built-in templates render it, written without the engine
    /// ([`page_html`]); `None` when the site has its own templates or the language
    /// lacks a string they use.
    fn builtin_page(
        &self,
        page: &Page,
        frame: &Frame<'_>,
        crumbs: &[Crumb],
        value: &PageValue<'_>,
    ) -> Option<Vec<u8>> {
        if !self.builtin_pages {
            return None;
        }
        let v = self.lang_values(&page.lang)?;
        page_html::page_html(&page_html::PageView {
            lang: &page.lang,
            t: v.strings,
            site_title: &self.site.config.title,
            license: self.license_link,
            language_name: &v.language_name,
            home: &frame.home,
            root: &frame.root,
            languages: &frame.languages,
            hreflang: &frame.hreflang,
            sidebar: &frame.sidebar,
            breadcrumbs: crumbs,
            prev: frame.prev.as_ref(),
            next: frame.next.as_ref(),
            page: value,
        })
    }

    fn page_value<'p>(
        &self,
        page: &'p Page,
        headings: Vec<&'p Heading>,
        content: String,
    ) -> PageValue<'p> {
        let locale = self.theme.locale(&page.lang);
        PageValue {
            title: &page.title,
            description: page.fm.description.as_deref(),
            keywords: page.fm.keywords.join(", "),
            author: page.fm.author.as_deref(),
            version: page.fm.version.as_deref(),
            date: page.fm.date.map(|d| locale.format_date(d)),
            date_iso: page.fm.date.map(iso_date),
            uid: page.fm.uid.as_deref(),
            lang: &page.lang,
            url: &page.url,
            path: &page.path,
            canonical: self.web_base.map(|b| format!("{b}{}", page.url)),
            noindex: page.fm.index == Some(false),
            content_type: page.fm.content_type.as_deref(),
            headings,
            content,
            extra: &page.fm.extra,
        }
    }

    fn home_url(&self, lang: &str) -> String {
        ["index.md", "index.yml"]
            .iter()
            .find_map(|p| self.site.pairs.get(*p).and_then(|m| m.get(lang)))
            .map_or_else(
                || url::page_url(&format!("{lang}/index.md"), self.site.config.pretty_urls),
                |&i| self.site.pages[i].url.clone(),
            )
    }

    fn alternates<'p>(&'p self, page: &Page) -> (Vec<Alternate<'p>>, Vec<HrefLang<'p>>) {
        let site = self.site;
        let pair = site.pairs.get(&page.path);
        let mut alternates = Vec::with_capacity(site.languages().len());
        let mut hreflang = Vec::with_capacity(site.languages().len());
        for lang in site.languages() {
            let name = self
                .lang_values(lang)
                .map_or(lang.as_str(), |v| v.language_name.as_str());
            let found = pair.and_then(|p| p.get(lang)).map(|&i| &site.pages[i]);
            let (target, missing) = match found {
                Some(p) => (Cow::Borrowed(p.url.as_str()), false),
                None => match pair.and_then(|p| p.get(&site.default_lang)) {
                    Some(&i) => (Cow::Borrowed(site.pages[i].url.as_str()), true),
                    None => (Cow::Owned(self.home_url(lang)), true),
                },
            };
            let href = relative_url(&page.url, &target);
            if let Some(p) = found {
                hreflang.push(HrefLang {
                    hreflang: lang,
                    href: match self.web_base {
                        Some(b) => format!("{b}{}", p.url),
                        // The target is this language's page: the same link as above.
                        None => href.clone(),
                    },
                });
            }
            alternates.push(Alternate {
                code: lang,
                name,
                href,
                current: *lang == page.lang,
                missing,
            });
        }
        if hreflang.len() < 2 {
            hreflang.clear();
        }
        (alternates, hreflang)
    }

    fn sidebar(&self, page: &Page, toc_name: &str, tree: &[Node]) -> String {
        let (flat, positions, sizes) = match self.nav.flat.get(toc_name) {
            Some(f) => f,
            None => return String::new(),
        };
        let current = positions.get(&self.index_of(page)).copied();
        let mut open = HashSet::new();
        if let Some(c) = current {
            let mut p = flat[c].parent;
            while let Some(i) = p {
                open.insert(i);
                p = flat[i].parent;
            }
        }
        let mut html = String::with_capacity(4096);
        let full = flat.len() <= SIDEBAR_FULL;
        let mut walk = SidebarWalk {
            page,
            links: full.then(|| self.sidebar_links(page, toc_name, flat)),
            current,
            open: &open,
            sizes,
            full,
            counter: 0,
        };
        html.push_str("<ul class=\"toc\">\n");
        self.sidebar_items(&mut walk, tree, 0, &mut html);
        html.push_str("</ul>");
        html
    }

    fn sidebar_items(
        &self,
        walk: &mut SidebarWalk<'_>,
        nodes: &[Node],
        depth: usize,
        html: &mut String,
    ) {
        for node in nodes {
            let me = walk.counter;
            walk.counter += 1;
            let current = Some(me) == walk.current;
            let link = |html: &mut String| match walk.links.as_ref().and_then(|l| l.get(me)) {
                Some(l) => l.write(current, html),
                None => html.push_str(&self.node_link(walk.page, node, current)),
            };
            let on_path = walk.open.contains(&me) || current;
            let expand = walk.full || on_path || depth == 0;
            if node.children.is_empty() || !expand {
                html.push_str("<li>");
                link(html);
                html.push_str("</li>\n");
                // Skip the subtree's positions in the flat list.
                walk.counter += walk.sizes.get(me).copied().unwrap_or(1) - 1;
            } else {
                html.push_str(if on_path {
                    "<li><details open><summary>"
                } else {
                    "<li><details><summary>"
                });
                link(html);
                html.push_str("</summary><ul>\n");
                self.sidebar_items(walk, &node.children, depth + 1, html);
                html.push_str("</ul></details></li>\n");
            }
        }
    }

    /// The links of every node of `toc_name` from the folder of `page`, made by the
    /// first page of the folder that asks.
    fn sidebar_links(&self, page: &Page, toc_name: &str, flat: &[Flat<'_>]) -> Arc<[NodeLink]> {
        let dir = page.url.rfind('/').map_or("", |i| &page.url[..i]);
        let key = format!("{toc_name}\0{dir}");
        let lock = || {
            self.sidebar_links
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(links) = lock().get(&key) {
            return Arc::clone(links);
        }
        let links: Arc<[NodeLink]> = flat
            .iter()
            .map(|f| self.node_link_parts(page, f.node))
            .collect();
        lock().insert(key, Arc::clone(&links));
        links
    }

    fn node_link_parts(&self, page: &Page, node: &Node) -> NodeLink {
        let name = escape(&node.name);
        match &node.url {
            Some(u) if node.external => NodeLink {
                open: format!("<a href=\"{}\" rel=\"noopener\"", escape(u)),
                close: format!(">{name}</a>"),
                local: false,
            },
            Some(u) => NodeLink {
                open: format!(
                    "<a href=\"{}\"",
                    escape(&path::encode_url(&relative_url(&page.url, u)))
                ),
                close: format!(">{name}</a>"),
                local: true,
            },
            None => NodeLink {
                open: format!("<span class=\"toc-text\">{name}</span>"),
                close: String::new(),
                local: false,
            },
        }
    }

    fn node_link(&self, page: &Page, node: &Node, current: bool) -> String {
        let mut html = String::new();
        self.node_link_parts(page, node).write(current, &mut html);
        html
    }

    fn index_of(&self, page: &Page) -> usize {
        self.site
            .by_rel
            .get(&page.rel)
            .copied()
            .unwrap_or(usize::MAX)
    }

    fn breadcrumbs(&self, page: &Page, toc_name: Option<&str>) -> Vec<Crumb> {
        let mut crumbs = vec![Crumb {
            title: self.theme.locale(&page.lang).get("home").to_owned(),
            href: Some(relative_url(&page.url, &self.home_url(&page.lang))),
        }];
        if let Some(name) = toc_name {
            if let Some(chain) = self.nav.chains.get(name) {
                crumbs.extend(chain.iter().map(|n| self.crumb(page, n)));
            }
            if let Some((flat, positions, _)) = self.nav.flat.get(name)
                && let Some(&pos) = positions.get(&self.index_of(page))
            {
                let mut chain = Vec::new();
                let mut p = flat[pos].parent;
                while let Some(i) = p {
                    chain.push(self.crumb(page, flat[i].node));
                    p = flat[i].parent;
                }
                chain.reverse();
                crumbs.extend(chain);
            }
        }
        if crumbs.last().is_none_or(|c| c.title != page.title) || crumbs.len() == 1 {
            crumbs.push(Crumb {
                title: page.title.clone(),
                href: None,
            });
        }
        crumbs
    }

    fn crumb(&self, page: &Page, node: &Node) -> Crumb {
        Crumb {
            title: node.name.clone(),
            href: node
                .url
                .as_ref()
                .filter(|_| !node.external)
                .map(|u| relative_url(&page.url, u)),
        }
    }

    fn prev_next(&self, page: &Page, toc_name: &str) -> (Option<Neighbour>, Option<Neighbour>) {
        let Some((flat, positions, _)) = self.nav.flat.get(toc_name) else {
            return (None, None);
        };
        let me = self.index_of(page);
        let Some(&pos) = positions.get(&me) else {
            return (None, None);
        };
        let neighbour = |f: &Flat<'_>| -> Option<Neighbour> {
            let p = f.node.page.filter(|&p| p != me)?;
            let target = &self.site.pages[p];
            if matches!(target.kind, PageKind::Redirect { .. }) {
                return None;
            }
            Some(Neighbour {
                title: f.node.name.clone(),
                href: relative_url(&page.url, f.node.url.as_deref().unwrap_or(&target.url)),
            })
        };
        let prev = flat[..pos].iter().rev().find_map(neighbour);
        let next = flat[pos + 1..].iter().find_map(neighbour);
        (prev, next)
    }

    fn redirect(
        &self,
        lang: &str,
        title: &str,
        href: &str,
        canonical: &str,
    ) -> Result<Vec<u8>, String> {
        let mut c = tera::Context::new();
        c.insert("lang", lang);
        if let Some(v) = self.lang_values(lang) {
            c.insert_value("t", v.t.clone());
        }
        c.insert("title", title);
        c.insert("href", href);
        c.insert("canonical", canonical);
        self.template("redirect.html", &c)
    }

    fn write(
        &self,
        file: &str,
        bytes: Result<Vec<u8>, String>,
        source: &str,
    ) -> Result<usize, Diagnostic> {
        let bytes = bytes.map_err(|m| Diagnostic::error("render", source, (0, 0), m))?;
        self.sink.write(file, &bytes).map_err(|e| {
            Diagnostic::error(
                "render",
                source,
                (0, 0),
                format!("cannot write {file}: {e:#}"),
            )
        })?;
        Ok(1)
    }

    fn redirect_stubs(&self) -> Result<usize, Diagnostic> {
        let site = self.site;
        let results: Vec<Result<usize, Diagnostic>> = site
            .redirects
            .par_iter()
            .map(|r| {
                let page = &site.pages[r.page];
                let href = relative_url(&r.out_file, &page.url);
                let canonical = self.absolute(&page.url, false);
                self.write(
                    &r.out_file,
                    self.redirect(&page.lang, &page.title, &href, &canonical),
                    &page.rel,
                )
            })
            .collect();
        results.into_iter().sum()
    }

    /// Language start pages for languages whose content has no `index.md`/`index.yml`.
    fn homes(&self) -> Result<usize, Diagnostic> {
        let site = self.site;
        let mut n = 0;
        for lang in site.languages() {
            let url = self.home_url(lang);
            if site.by_out.contains_key(&url::out_file(&url)) {
                continue;
            }
            #[derive(Serialize)]
            struct Section {
                title: String,
                href: String,
                summary: Option<String>,
            }
            let mut sections: Vec<(String, Section)> = site
                .pages
                .iter()
                .filter(|p| &p.lang == lang && p.path.matches('/').count() == 1)
                .filter(|p| p.path.ends_with("/index.yml") || p.path.ends_with("/index.md"))
                .filter(|p| !matches!(p.kind, PageKind::Redirect { .. }))
                .map(|p| {
                    let summary = match &p.kind {
                        PageKind::Landing(l) => l.summary.clone(),
                        _ => p.fm.description.clone(),
                    };
                    (
                        p.title.to_lowercase(),
                        Section {
                            title: p.title.clone(),
                            href: relative_url(&url, &p.url),
                            summary,
                        },
                    )
                })
                .collect();
            sections.sort_by(|a, b| a.0.cmp(&b.0));
            let sections: Vec<Section> = sections.into_iter().map(|(_, s)| s).collect();
            let mut c = tera::Context::new();
            c.insert("lang", lang);
            if let Some(v) = self.lang_values(lang) {
                c.insert_value("t", v.t.clone());
                c.insert_value("site", v.site.clone());
                c.insert("language_name", &v.language_name);
            }
            c.insert("root", &root_prefix(&url));
            c.insert("home", "./");
            let languages: Vec<Alternate<'_>> = site
                .languages()
                .iter()
                .map(|l| Alternate {
                    code: l,
                    name: self
                        .lang_values(l)
                        .map_or(l.as_str(), |v| v.language_name.as_str()),
                    href: relative_url(&url, &self.home_url(l)),
                    current: l == lang,
                    missing: false,
                })
                .collect();
            c.insert("languages", &languages);
            c.insert("hreflang", &Vec::<HrefLang<'_>>::new());
            c.insert("sidebar", "");
            c.insert("sections", &sections);
            c.insert(
                "page",
                &serde_json::json!({"title": site.config.title, "lang": lang}),
            );
            n += self.write(&url::out_file(&url), self.template("home.html", &c), lang)?;
        }
        Ok(n)
    }

    fn root_index(&self) -> Result<usize, Diagnostic> {
        let site = self.site;
        if site.by_out.contains_key("index.html") {
            return Ok(0);
        }
        let mut c = tera::Context::new();
        c.insert("lang", &site.default_lang);
        if let Some(v) = self.lang_values(&site.default_lang) {
            c.insert_value("site", v.site.clone());
        }
        let languages: Vec<Alternate<'_>> = site
            .languages()
            .iter()
            .map(|l| Alternate {
                code: l,
                name: self
                    .lang_values(l)
                    .map_or(l.as_str(), |v| v.language_name.as_str()),
                href: relative_url("index.html", &self.home_url(l)),
                current: *l == site.default_lang,
                missing: false,
            })
            .collect();
        c.insert("languages", &languages);
        let hreflang: Vec<HrefLang<'_>> = languages
            .iter()
            .map(|l| HrefLang {
                hreflang: l.code,
                href: l.href.clone(),
            })
            .collect();
        c.insert("hreflang", &hreflang);
        self.write("index.html", self.template("root.html", &c), "index.html")
    }

    fn not_found(&self) -> Result<usize, Diagnostic> {
        let site = self.site;
        let base = site.config.base_path();
        #[derive(Serialize)]
        struct Lang {
            code: String,
            name: String,
            href: String,
            back: String,
        }
        let languages: Vec<Lang> = site
            .languages()
            .iter()
            .map(|l| Lang {
                code: l.clone(),
                name: self
                    .lang_values(l)
                    .map_or_else(|| l.clone(), |v| v.language_name.clone()),
                href: format!("{base}{}", self.home_url(l)),
                back: self.theme.locale(l).get("back_to_home").to_owned(),
            })
            .collect();
        let mut c = tera::Context::new();
        c.insert("lang", &site.default_lang);
        if let Some(v) = self.lang_values(&site.default_lang) {
            c.insert_value("t", v.t.clone());
            c.insert_value("site", v.site.clone());
        }
        c.insert("base_path", &base);
        c.insert("languages", &languages);
        self.write("404.html", self.template("404.html", &c), "404.html")
    }

    fn sitemap(&self) -> Result<usize, Diagnostic> {
        let site = self.site;
        let abs = |u: &str| self.absolute(u, false);
        let mut urls = Vec::new();
        for page in site.pages.iter().filter(|p| p.indexed()) {
            let alternates: Vec<HrefLang<'_>> = site
                .pairs
                .get(&page.path)
                .map(|m| {
                    m.iter()
                        .filter(|(_, i)| site.pages[**i].indexed())
                        .map(|(l, &i)| HrefLang {
                            hreflang: l,
                            href: abs(&site.pages[i].url),
                        })
                        .collect()
                })
                .unwrap_or_default();
            urls.push(SitemapEntry {
                loc: abs(&page.url),
                lastmod: page.fm.date.map(iso_date),
                alternates: if alternates.len() > 1 {
                    alternates
                } else {
                    Vec::new()
                },
            });
        }
        let xml = if self.theme.is_builtin("sitemap.xml") {
            Ok(sitemap_xml(&urls))
        } else {
            let mut c = tera::Context::new();
            c.insert("urls", &urls);
            self.template("sitemap.xml", &c)
        };
        self.write("sitemap.xml", xml, "sitemap.xml")
    }

    fn statics(&self) -> Result<usize, Diagnostic> {
        let mut n = 0;
        for (name, bytes) in &self.theme.statics {
            n += self.write(
                &format!("{STATIC_DIR}/{name}"),
                Ok(bytes.clone()),
                "templates",
            )?;
        }
        Ok(n)
    }

    fn assets(&self) -> Result<usize, Diagnostic> {
        let site = self.site;
        let results: Vec<Result<usize, Diagnostic>> = site
            .content
            .assets
            .par_iter()
            .map(|rel| {
                self.sink
                    .copy(rel, &site.content.root.join(rel))
                    .map(|()| 1)
                    .map_err(|e| {
                        Diagnostic::error(
                            "unreadable-file",
                            rel,
                            (0, 0),
                            format!("cannot copy: {e:#}"),
                        )
                    })
            })
            .collect();
        let mut n = 0;
        for r in results {
            n += r?;
        }
        Ok(n)
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_what_chrono_writes() {
        let dates = [
            (2025, 7, 10),
            (1, 1, 1),
            (0, 12, 31),
            (999, 2, 3),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
            (-262_143, 1, 1),
            (262_142, 12, 31),
        ];
        for (y, m, d) in dates {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date), date.format("%Y-%m-%d").to_string());
        }
    }

    /// Every page of `site`, rendered by the built-in writer when `builtin` (and the
    /// theme allows it), else by the template engine.
    fn pages_of(site: &Site, theme: &Theme, builtin: bool) -> BTreeMap<String, Vec<u8>> {
        pages_with(site, theme, builtin, true)
    }

    /// [`pages_of`], with or without the link to the license report.
    fn pages_with(
        site: &Site,
        theme: &Theme,
        builtin: bool,
        license: bool,
    ) -> BTreeMap<String, Vec<u8>> {
        let sink = crate::output::MemorySink::default();
        let mut r = Renderer::new(site, theme, &sink, license);
        r.builtin_pages &= builtin;
        let all: Vec<usize> = (0..site.pages.len()).collect();
        r.pages(&all);
        sink.into_files()
    }

    fn assert_same_pages(site: &Site, theme: &Theme, license: bool, what: &str) {
        let fast = pages_with(site, theme, true, license);
        let engine = pages_with(site, theme, false, license);
        assert_eq!(
            fast.keys().collect::<Vec<_>>(),
            engine.keys().collect::<Vec<_>>(),
            "{what}"
        );
        for (path, bytes) in &fast {
            assert!(
                engine[path] == *bytes,
                "{what}: {path} differs from the template engine's:\n{}\n---\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&engine[path])
            );
        }
    }

    #[test]
    fn built_in_pages_are_what_the_engine_renders() {
        // Pages with every optional part of the templates: meta data, escaping in every
        // value, missing translations, no toc, a nested toc, a web base (canonical and
        // alternate links) or none, the license link or none.
        let files = [
            (
                "en/index.md",
                "---\ntitle: Home & <away> \"quoted\" 'single'\ndescription: D & d\nkeywords: [a, \"b<c\"]\nauthor: A & B\nversion: '11 <beta>'\ndate: 2024-02-29\n---\n# Home\n\n## One & two\n\n### Three\n\n## Four\n",
            ),
            (
                "en/toc.yml",
                "- name: Home & co\n  href: index.md\n- name: Group\n  items:\n  - name: A <b>\n    href: a/a.md\n  - name: Web\n    href: https://example.com/?a=1&b=2\n",
            ),
            (
                "en/a/a.md",
                "---\ntitle: A\nindex: false\ndescription: ''\nauthor: ''\n---\nText.\n",
            ),
            ("nl/index.md", "---\ntitle: Thuis\n---\nTekst.\n"),
            ("nl/alone.md", "# Alleen\n\nGeen toc, geen vertaling.\n"),
        ];
        for base_url in [None, Some("https://docs.example.com/help/")] {
            for pretty in [false, true] {
                let raw = crate::config::RawConfig {
                    title: Some("Site \"&\" <title>".to_owned()),
                    base_url: base_url.map(str::to_owned),
                    pretty_urls: Some(pretty),
                    ..Default::default()
                };
                let config =
                    crate::config::Config::from_raw(raw, std::path::Path::new("")).unwrap();
                let content =
                    crate::discover::Content::from_memory(&["en", "nl"], files.iter().copied());
                let site = Site::build(config, content);
                let theme = Theme::builtin(site.languages());
                assert!(pages_of(&site, &theme, true).len() >= files.len() - 1);
                for license in [false, true] {
                    let what = format!("{base_url:?} pretty {pretty} license {license}");
                    assert_same_pages(&site, &theme, license, &what);
                }
            }
        }
        // The example site and the real corpus, every page.
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let roots = [
            manifest.join("content"),
            manifest.join("../shared/corpus/superoffice-docs"),
        ];
        if crate::testing::real_corpus_absent() {
            println!("only the example site is compared");
        }
        for root in roots.iter().filter(|r| r.is_dir()) {
            let raw = crate::config::RawConfig {
                base_url: Some("https://docs.example.com/".to_owned()),
                ..Default::default()
            };
            let mut config =
                crate::config::Config::from_raw(raw, std::path::Path::new("")).unwrap();
            config.content_dir = root.clone();
            let content = crate::discover::discover(&config, &[]).unwrap();
            let site = Site::build(config, content);
            let theme = Theme::builtin(site.languages());
            assert_same_pages(&site, &theme, true, &root.display().to_string());
        }
    }

    #[test]
    fn pages_of_a_site_with_its_own_templates_go_through_the_engine() {
        let dir = tempfile::tempdir().unwrap();
        let langs = ["en".to_owned()];
        let (theme, _) = Theme::load(&dir.path().join("none"), dir.path(), &langs).unwrap();
        for name in page_html::TEMPLATES {
            assert!(theme.is_builtin(name), "{name}");
        }
        std::fs::write(dir.path().join("base.html"), "{% block title %}{% endblock title %}{% block head %}{% endblock head %}{% block main %}{% endblock main %}!").unwrap();
        let (own, _) = Theme::load(dir.path(), dir.path(), &langs).unwrap();
        assert!(!own.is_builtin("base.html") && own.is_builtin("page.html"));
        let config =
            crate::config::Config::from_raw(Default::default(), std::path::Path::new("")).unwrap();
        let content = crate::discover::Content::from_memory(&["en"], [("en/a.md", "# A\n")]);
        let site = Site::build(config, content);
        let pages = pages_of(&site, &own, true);
        let page = String::from_utf8_lossy(&pages["en/a.html"]);
        assert!(page.ends_with("</div>\n!"), "{page}");
    }

    #[test]
    fn the_sitemap_is_what_the_built_in_template_renders() {
        let theme = crate::theme::Theme::builtin(&["en".to_owned()]);
        assert!(theme.is_builtin("sitemap.xml"));
        let alt = |hreflang, href: &str| HrefLang {
            hreflang,
            href: href.to_owned(),
        };
        let entry = |loc: &str, lastmod: Option<&str>, alternates| SitemapEntry {
            loc: loc.to_owned(),
            lastmod: lastmod.map(str::to_owned),
            alternates,
        };
        let sites = [
            vec![],
            vec![entry("https://x.test/en/a.html", None, vec![])],
            vec![
                entry(
                    "https://x.test/en/a&b <c> \"d\" 'e'.html",
                    Some("2024-01-02"),
                    vec![alt("en", "https://x.test/en/a&b.html"), alt("n\"l", "<nl>")],
                ),
                entry("/sub/nl/é ü.html", Some(""), vec![alt("de", "")]),
                entry("", Some("-0001-06-15"), vec![]),
            ],
        ];
        for urls in sites {
            let mut c = tera::Context::new();
            c.insert("urls", &urls);
            let mut want = Vec::new();
            theme.tera.render_to("sitemap.xml", &c, &mut want).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&sitemap_xml(&urls)),
                String::from_utf8_lossy(&want)
            );
        }
        // A site's own sitemap.xml goes through the engine; a copy of the built-in one
        // does not need to.
        let load = |text: &str| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("sitemap.xml"), text).unwrap();
            let (theme, _) =
                crate::theme::Theme::load(dir.path(), dir.path(), &["en".to_owned()]).unwrap();
            theme
        };
        let own = load("{{ urls | length }}");
        assert!(!own.is_builtin("sitemap.xml") && own.is_builtin("page.html"));
        let built_in_text = include_str!("../templates/sitemap.xml");
        assert!(load(built_in_text).is_builtin("sitemap.xml"));
    }
}
