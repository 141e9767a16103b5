//! The built-in `page.html` (with the `base.html` it extends and the `csp.html` it
//! includes) written directly, without the template engine.
//!
//! Templates cost a page a tenth of its build: a value tree made through serde for every
//! page, then the engine walking it. When a site keeps the built-in templates, the pages
//! are written by this function instead, byte for byte what the engine makes of them
//! (a test renders every page of the corpora both ways). A site that replaces any of the
//! three templates gets the engine, as does a page whose language lacks a string the
//! templates use (the engine then reports it).

use std::collections::BTreeMap;
use std::io::Write as _;

use super::{Alternate, Crumb, HrefLang, Neighbour, PageValue};

/// The templates this writer stands for.
pub(super) const TEMPLATES: [&str; 3] = ["page.html", "base.html", "csp.html"];

/// What the page templates get: the page and the frame around it.
pub(super) struct PageView<'a> {
    pub lang: &'a str,
    /// The language's UI strings (`t`).
    pub t: &'a BTreeMap<String, String>,
    pub site_title: &'a str,
    pub license: bool,
    pub language_name: &'a str,
    pub home: &'a str,
    pub root: &'a str,
    pub languages: &'a [Alternate<'a>],
    pub hreflang: &'a [HrefLang<'a>],
    pub sidebar: &'a str,
    pub breadcrumbs: &'a [Crumb],
    pub prev: Option<&'a Neighbour>,
    pub next: Option<&'a Neighbour>,
    pub page: &'a PageValue<'a>,
}

/// The output being written.
struct Out<'v> {
    bytes: Vec<u8>,
    t: &'v BTreeMap<String, String>,
}

impl Out<'_> {
    fn raw(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    /// `{{ text }}`: escaped as the engine escapes.
    fn esc(&mut self, text: &str) {
        // Into a vector, writing cannot fail.
        let _ = tera::escape_html(text, &mut self.bytes);
    }

    /// `{{ t.key }}`; `None` when the language lacks the string.
    fn t(&mut self, key: &str) -> Option<()> {
        let text = self.t.get(key)?;
        let _ = tera::escape_html(text, &mut self.bytes);
        Some(())
    }
}

/// Whether an optional string is true to the engine (present and not empty).
fn truthy(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

/// The page, as the built-in templates render it; `None` when a string is missing.
pub(super) fn page_html(v: &PageView<'_>) -> Option<Vec<u8>> {
    let page = v.page;
    let mut o = Out {
        bytes: Vec::with_capacity(8 * 1024 + page.content.len() + v.sidebar.len()),
        t: v.t,
    };
    o.raw("<!DOCTYPE html>\n<html lang=\"");
    o.esc(v.lang);
    o.raw("\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.raw(CSP);
    o.raw("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    o.esc(page.title);
    o.raw(" | ");
    o.esc(v.site_title);
    o.raw("</title>\n");
    if let Some(d) = truthy(page.description) {
        o.raw("<meta name=\"description\" content=\"");
        o.esc(d);
        o.raw("\">\n");
    }
    if !page.keywords.is_empty() {
        o.raw("<meta name=\"keywords\" content=\"");
        o.esc(&page.keywords);
        o.raw("\">\n");
    }
    if page.noindex {
        o.raw("<meta name=\"robots\" content=\"noindex\">\n");
    }
    if let Some(c) = truthy(page.canonical.as_deref()) {
        o.raw("<link rel=\"canonical\" href=\"");
        o.esc(c);
        o.raw("\">\n");
    }
    for alt in v.hreflang {
        o.raw("<link rel=\"alternate\" hreflang=\"");
        o.esc(alt.hreflang);
        o.raw("\" href=\"");
        o.esc(&alt.href);
        o.raw("\">\n");
    }
    o.raw("<link rel=\"stylesheet\" href=\"");
    o.esc(v.root);
    o.raw("_helpgen/helpgen.css\">\n<script src=\"");
    o.esc(v.root);
    o.raw("_helpgen/helpgen.js\" defer></script>\n<script src=\"");
    o.esc(v.root);
    o.raw("_helpgen/search.js\" defer></script>\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">");
    o.t("skip_to_content")?;
    o.raw(
        "</a>\n<header class=\"site-header\">\n  <button class=\"nav-toggle\" type=\"button\" aria-controls=\"sidebar\" aria-expanded=\"false\" hidden>\n    <span class=\"nav-toggle-icon\" aria-hidden=\"true\"></span><span class=\"nav-toggle-label\">",
    );
    o.t("menu")?;
    o.raw("</span>\n  </button>\n  <a class=\"site-title\" href=\"");
    o.esc(v.home);
    o.raw("\">");
    o.esc(v.site_title);
    o.raw("</a>\n  <form class=\"search\" role=\"search\" hidden>\n    <label class=\"visually-hidden\" for=\"search-input\">");
    o.t("search")?;
    o.raw("</label>\n    <input id=\"search-input\" type=\"search\" placeholder=\"");
    o.t("search_placeholder")?;
    o.raw(
        "\" autocomplete=\"off\" spellcheck=\"false\"\n      role=\"combobox\" aria-expanded=\"false\" aria-controls=\"search-results\" aria-autocomplete=\"list\"\n      data-index=\"",
    );
    o.esc(v.root);
    o.raw("_helpgen/search/");
    o.esc(v.lang);
    o.raw("/\" data-root=\"");
    o.esc(v.root);
    o.raw("\" data-none=\"");
    o.t("search_no_results")?;
    o.raw("\">\n    <div id=\"search-results\" class=\"search-results\" role=\"listbox\" aria-label=\"");
    o.t("search")?;
    o.raw("\" hidden></div>\n  </form>\n  ");
    if v.license {
        o.raw("<a class=\"site-license\" href=\"");
        o.esc(v.root);
        o.esc(v.lang);
        o.raw("/license/index.html\">");
        o.t("license_nav")?;
        o.raw("</a>");
    }
    o.raw("\n  ");
    if v.languages.len() > 1 {
        o.raw("<nav class=\"lang-switch\" aria-label=\"");
        o.t("language")?;
        o.raw("\">\n    <details>\n      <summary><span class=\"visually-hidden\">");
        o.t("choose_language")?;
        o.raw(": </span>");
        o.esc(v.language_name);
        o.raw("</summary>\n      <ul>\n      ");
        for alt in v.languages {
            o.raw("<li><a href=\"");
            o.esc(&alt.href);
            o.raw("\" hreflang=\"");
            o.esc(alt.code);
            o.raw("\" lang=\"");
            o.esc(alt.code);
            o.raw("\"");
            if alt.current {
                o.raw(" aria-current=\"true\"");
            }
            o.raw(">");
            o.esc(alt.name);
            if alt.missing {
                o.raw(" <small>(");
                o.t("not_translated")?;
                o.raw(")</small>");
            }
            o.raw("</a></li>\n      ");
        }
        o.raw("</ul>\n    </details>\n  </nav>");
    }
    o.raw("\n</header>\n<div class=\"layout");
    if v.sidebar.is_empty() {
        o.raw(" no-sidebar");
    }
    o.raw("\">\n");
    if !v.sidebar.is_empty() {
        o.raw("<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"");
        o.t("contents")?;
        o.raw("\">\n");
        o.raw(v.sidebar);
        o.raw("\n</nav>");
    }
    o.raw("\n<main id=\"main\" class=\"content\" tabindex=\"-1\">\n");
    main(&mut o, v)?;
    o.raw("\n</main>\n</div>\n<footer class=\"site-footer\">\n  <p>");
    o.esc(v.site_title);
    o.raw("</p>\n</footer>\n</body>\n</html>\n");
    Some(o.bytes)
}

/// `page.html`'s block `main`.
fn main(o: &mut Out<'_>, v: &PageView<'_>) -> Option<()> {
    let page = v.page;
    o.raw("\n");
    if !v.breadcrumbs.is_empty() {
        o.raw("<nav class=\"breadcrumbs\" aria-label=\"");
        o.t("breadcrumb")?;
        o.raw("\">\n  <ol>\n  ");
        let last = v.breadcrumbs.len() - 1;
        for (i, crumb) in v.breadcrumbs.iter().enumerate() {
            o.raw("<li>");
            match truthy(crumb.href.as_deref()) {
                Some(href) if i != last => {
                    o.raw("<a href=\"");
                    o.esc(href);
                    o.raw("\">");
                    o.esc(&crumb.title);
                    o.raw("</a>");
                }
                _ => {
                    o.raw("<span");
                    if i == last {
                        o.raw(" aria-current=\"page\"");
                    }
                    o.raw(">");
                    o.esc(&crumb.title);
                    o.raw("</span>");
                }
            }
            o.raw("</li>\n  ");
        }
        o.raw("</ol>\n</nav>");
    }
    o.raw("\n<div class=\"page-grid\">\n<article class=\"article\" lang=\"");
    o.esc(page.lang);
    o.raw("\">\n\n");
    o.raw(&page.content);
    o.raw("\n");
    let date = truthy(page.date.as_deref());
    let version = truthy(page.version);
    let author = truthy(page.author);
    if date.is_some() || version.is_some() || author.is_some() {
        o.raw("<footer class=\"page-meta\">\n  <dl>\n  ");
        if let Some(date) = date {
            o.raw("<div><dt>");
            o.t("last_updated")?;
            o.raw("</dt><dd><time datetime=\"");
            o.esc(page.date_iso.as_deref().unwrap_or_default());
            o.raw("\">");
            o.esc(date);
            o.raw("</time></dd></div>");
        }
        o.raw("\n  ");
        meta(o, "version", version)?;
        o.raw("\n  ");
        meta(o, "author", author)?;
        o.raw("\n  </dl>\n</footer>");
    }
    o.raw("\n");
    if v.prev.is_some() || v.next.is_some() {
        o.raw("<nav class=\"prev-next\" aria-label=\"");
        o.t("previous")?;
        o.raw(" / ");
        o.t("next")?;
        o.raw("\">\n  ");
        neighbour(o, v.prev, "prev", "previous")?;
        o.raw("\n  ");
        neighbour(o, v.next, "next", "next")?;
        o.raw("\n</nav>");
    }
    o.raw("\n</article>\n");
    if page.headings.len() > 1 {
        o.raw("<aside class=\"on-this-page\" aria-labelledby=\"on-this-page-title\">\n  <h2 id=\"on-this-page-title\">");
        o.t("on_this_page")?;
        o.raw("</h2>\n  <ul>\n  ");
        for h in &page.headings {
            o.raw("<li class=\"level-");
            let _ = write!(o.bytes, "{}", h.level);
            o.raw("\"><a href=\"#");
            o.esc(&h.id);
            o.raw("\">");
            o.esc(&h.text);
            o.raw("</a></li>\n  ");
        }
        o.raw("</ul>\n</aside>");
    }
    o.raw("\n</div>\n");
    Some(())
}

/// A previous or next link (`rel` is its class too; `label` the string of its label).
fn neighbour(o: &mut Out<'_>, n: Option<&Neighbour>, rel: &str, label: &str) -> Option<()> {
    if let Some(n) = n {
        o.raw("<a class=\"");
        o.raw(rel);
        o.raw("\" rel=\"");
        o.raw(rel);
        o.raw("\" href=\"");
        o.esc(&n.href);
        o.raw("\"><span class=\"label\">");
        o.t(label)?;
        o.raw("</span> <span class=\"title\">");
        o.esc(&n.title);
        o.raw("</span></a>");
    }
    Some(())
}

/// One line of the page's meta data (`key` is also the string of its label).
fn meta(o: &mut Out<'_>, key: &str, value: Option<&str>) -> Option<()> {
    if let Some(value) = value {
        o.raw("<div><dt>");
        o.t(key)?;
        o.raw("</dt><dd>");
        o.esc(value);
        o.raw("</dd></div>");
    }
    Some(())
}

/// `csp.html`, as the engine includes it.
const CSP: &str = include_str!("../../templates/csp.html");
