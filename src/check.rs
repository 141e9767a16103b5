//! Checks: every reference recorded while rendering, and every toc entry, is resolved
//! against the site; what does not resolve becomes a diagnostic at the place it is written.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diag::{Diagnostic, Severity};
use crate::discover::extension;
use crate::external;
use crate::markdown::{LinkKind, Target};
use crate::model::{PageKind, Site, url};
use crate::render::PageFacts;

/// Runs every content check over a rendered site; external links are fetched only when
/// `external` is given.
pub fn run(
    site: &Site,
    facts: &[PageFacts],
    external: Option<&external::Options>,
) -> Vec<Diagnostic> {
    let checker = Checker::new(site, facts);
    let mut diags = checker.all_links(facts);
    checker.tocs(&mut diags);
    checker.coverage(&mut diags);
    if let Some(opts) = external {
        external_links(facts, opts, &mut diags);
    }
    diags
}

/// Checks only the links of `pages`, against the anchors of every page in `all`: what
/// `serve` needs after re-rendering a few pages.
pub fn run_links(site: &Site, all: &[PageFacts], pages: &[PageFacts]) -> Vec<Diagnostic> {
    Checker::new(site, all).all_links(pages)
}

impl<'a> Checker<'a> {
    fn new(site: &'a Site, facts: &'a [PageFacts]) -> Checker<'a> {
        let anchors: FxHashMap<usize, FxHashSet<&str>> = facts
            .par_iter()
            .map(|f| (f.page, f.anchors.iter().map(String::as_str).collect()))
            .collect();
        let redirect_files = site.redirects.iter().map(|r| r.out_file.as_str()).collect();
        let mut folders: HashMap<&str, Vec<&str>> = HashMap::new();
        for rel in site.content.files.keys().chain(site.content.assets.iter()) {
            folders
                .entry(crate::source::parent_dir(rel))
                .or_default()
                .push(rel.as_str());
        }
        Checker {
            site,
            anchors,
            redirect_files,
            folders,
        }
    }

    /// The diagnostics of the links of `pages`, in page order; pages are checked in
    /// parallel, in small batches so no thread is left with a long tail.
    fn all_links(&self, pages: &[PageFacts]) -> Vec<Diagnostic> {
        let per_page: Vec<Vec<Diagnostic>> = pages
            .par_iter()
            .with_max_len(256)
            .map(|f| {
                let mut diags = Vec::new();
                self.links(f, &mut diags);
                diags
            })
            .collect();
        per_page.into_iter().flatten().collect()
    }
}

/// Fetches every http(s) link once and reports the broken ones at each place they are
/// written: 404 and 410 are errors, other failures (5xx, timeouts) warnings, since they
/// are often temporary.
fn external_links(facts: &[PageFacts], opts: &external::Options, diags: &mut Vec<Diagnostic>) {
    let mut places: BTreeMap<&str, Vec<&crate::markdown::Link>> = BTreeMap::new();
    for link in facts.iter().flat_map(|f| &f.links) {
        if let Target::External { url } = &link.target
            && (url.starts_with("http://") || url.starts_with("https://"))
        {
            places.entry(url.as_str()).or_default().push(link);
        }
    }
    let outcomes = external::check(places.keys().map(|u| u.to_string()), opts);
    for (url, outcome) in outcomes {
        let (severity, message) = match outcome {
            external::Outcome::Ok(_) => continue,
            external::Outcome::Status(s @ (404 | 410)) => {
                (Severity::Error, format!("{url} answers {s}"))
            }
            external::Outcome::Status(s) => (Severity::Warning, format!("{url} answers {s}")),
            external::Outcome::Failed(e) => {
                (Severity::Warning, format!("{url} did not answer: {e}"))
            }
        };
        for link in places.get(url.as_str()).into_iter().flatten() {
            diags.push(
                Diagnostic::new(
                    severity,
                    "broken-external-link",
                    &link.file,
                    (link.line, link.column),
                    message.clone(),
                )
                .with_target(&link.raw),
            );
        }
    }
}

struct Checker<'a> {
    site: &'a Site,
    anchors: FxHashMap<usize, FxHashSet<&'a str>>,
    /// The output files of redirect stubs.
    redirect_files: FxHashSet<&'a str>,
    /// Files by folder, for near-match suggestions.
    folders: HashMap<&'a str, Vec<&'a str>>,
}

impl Checker<'_> {
    fn links(&self, facts: &PageFacts, diags: &mut Vec<Diagnostic>) {
        let site = self.site;
        for link in &facts.links {
            let at = (link.line, link.column);
            let diag = |severity: Severity, code: &'static str, message: String| {
                Diagnostic::new(severity, code, &link.file, at, message).with_target(&link.raw)
            };
            match &link.target {
                Target::External { .. } => {}
                Target::SelfAnchor { anchor } => {
                    if !anchor.is_empty() && !self.has_anchor(facts.page, anchor) {
                        let mut d = diag(
                            Severity::Error,
                            "broken-anchor",
                            format!("this page has no heading or anchor `#{anchor}`"),
                        );
                        if let Some(s) = self.near_anchor(facts.page, anchor) {
                            d = d.with_suggestion(format!("#{s}"));
                        }
                        diags.push(d);
                    }
                }
                Target::Uid { uid, resolved, .. } => {
                    if !resolved {
                        diags.push(diag(
                            Severity::Error,
                            "unknown-xref",
                            format!("no page has uid `{uid}`"),
                        ));
                    }
                }
                Target::SiteAbsolute { url: u } => {
                    let file = url::redirect_file(u, &site.config.base_path());
                    let known = file.as_ref().is_some_and(|f| {
                        site.by_out.contains_key(f)
                            || self.redirect_files.contains(f.as_str())
                            || site.content.exists(f)
                    });
                    if !known {
                        diags.push(diag(
                            Severity::Warning,
                            "broken-link",
                            format!("`{u}` is not a page or file of this site; use a relative link to the .md file"),
                        ));
                    }
                }
                Target::Outside { path } => diags.push(
                    diag(
                        Severity::Error,
                        "broken-link",
                        format!("`{path}` climbs above the content root"),
                    )
                    .with_group("links that climb above the content root"),
                ),
                Target::File { rel, anchor } => {
                    self.file_link(link.kind, rel, anchor.as_deref(), diag, diags)
                }
            }
        }
    }

    fn file_link(
        &self,
        kind: LinkKind,
        rel: &str,
        anchor: Option<&str>,
        diag: impl Fn(Severity, &'static str, String) -> Diagnostic,
        diags: &mut Vec<Diagnostic>,
    ) {
        let site = self.site;
        let is_page_source = matches!(extension(rel), "md" | "markdown" | "yml" | "yaml");
        if let Some(&target) = site.by_rel.get(rel) {
            if let Some(anchor) = anchor.filter(|a| !a.is_empty())
                && !matches!(site.pages[target].kind, PageKind::Redirect { .. })
                && !self.has_anchor(target, anchor)
            {
                let mut d = diag(
                    Severity::Error,
                    "broken-anchor",
                    format!("{rel} has no heading or anchor `#{anchor}`"),
                );
                if let Some(s) = self.near_anchor(target, anchor) {
                    d = d.with_suggestion(format!("#{s}"));
                }
                diags.push(d);
            }
            return;
        }
        if !is_page_source && site.content.exists(rel) {
            return;
        }
        let (code, what) = match kind {
            LinkKind::Image => ("missing-image", "image"),
            LinkKind::Include => ("missing-include", "include"),
            LinkKind::Code => ("missing-include", "code file"),
            LinkKind::Link if is_page_source => ("broken-link", "page"),
            LinkKind::Link => ("broken-link", "file"),
        };
        let top = rel.split('/').next().unwrap_or("");
        let foreign =
            site.content.lang_of(rel).is_none() && crate::config::BUILTIN_LANGUAGES.contains(&top);
        let message = if is_page_source && site.content.files.contains_key(rel) {
            format!("{rel} is an include fragment, not a page")
        } else if foreign {
            format!("{what} {rel} is in a language this site does not have")
        } else {
            format!("{what} {rel} does not exist")
        };
        let mut d = diag(Severity::Error, code, message);
        if foreign {
            d = d.with_group(format!(
                "links into {top}/, a language this site does not build"
            ));
        }
        if let Some(s) = self.near_file(rel) {
            d = d.with_suggestion(s);
        }
        diags.push(d);
    }

    /// Whether the page has the anchor. Rendering records heading ids, raw `<a id>`
    /// and DocFX tab anchors (`tab/view`), so this is a lookup.
    fn has_anchor(&self, page: usize, anchor: &str) -> bool {
        self.anchors.get(&page).is_some_and(|a| a.contains(anchor))
    }

    fn near_anchor(&self, page: usize, anchor: &str) -> Option<String> {
        let anchors = self.anchors.get(&page)?;
        nearest(anchor, anchors.iter().copied()).map(str::to_owned)
    }

    /// A file of the same folder (and kind) whose name is close to `rel`.
    fn near_file(&self, rel: &str) -> Option<String> {
        let dir = crate::source::parent_dir(rel);
        let ext = extension(rel);
        let candidates = self
            .folders
            .get(dir)?
            .iter()
            .copied()
            .filter(|k| extension(k) == ext);
        nearest(rel, candidates).map(str::to_owned)
    }

    fn tocs(&self, diags: &mut Vec<Diagnostic>) {
        for r in &self.site.tocs.refs {
            if r.found {
                continue;
            }
            let what = match r.key {
                "uid" => format!("no page has uid `{}`", r.raw),
                _ => match &r.rel {
                    Some(rel) => format!(
                        "toc entry `{}` points to {rel}, which does not exist",
                        r.raw
                    ),
                    None => format!("toc entry `{}` climbs above the content root", r.raw),
                },
            };
            let mut d = Diagnostic::error("toc-missing-target", &r.file, (r.line, r.column), what)
                .with_target(&r.raw);
            if let Some(s) = r.rel.as_deref().and_then(|rel| self.near_file(rel)) {
                d = d.with_suggestion(s);
            }
            diags.push(d);
        }
    }

    /// Pages in no toc, and pages of the default language missing in another language.
    fn coverage(&self, diags: &mut Vec<Diagnostic>) {
        let site = self.site;
        let mut in_toc: HashSet<usize> = HashSet::new();
        for tree in site.tocs.trees.values() {
            for f in crate::model::toc::flatten(tree) {
                if let Some(p) = f.node.page {
                    in_toc.insert(p);
                }
            }
        }
        for (i, page) in site.pages.iter().enumerate() {
            if matches!(page.kind, PageKind::Redirect { .. }) || in_toc.contains(&i) {
                continue;
            }
            let is_home = page.path == "index.md" || page.path == "index.yml";
            if !is_home {
                diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        "orphan-page",
                        &page.rel,
                        (0, 0),
                        "the page is in no toc.yml; readers find it only through links and search",
                    )
                    .with_group(format!("{} pages in no toc.yml", page.lang)),
                );
            }
        }

        for page in site.pages.iter().filter(|p| p.lang == site.default_lang) {
            if matches!(page.kind, PageKind::Redirect { .. }) {
                continue;
            }
            for lang in site.languages().iter().filter(|l| **l != site.default_lang) {
                let present = site
                    .pairs
                    .get(&page.path)
                    .is_some_and(|m| m.contains_key(lang));
                if !present {
                    diags.push(
                        Diagnostic::new(
                            Severity::Info,
                            "missing-translation",
                            &page.rel,
                            (0, 0),
                            format!("no {lang} translation ({lang}/{})", page.path),
                        )
                        .with_target(format!("{lang}/{}", page.path))
                        .with_group(format!(
                            "{} pages with no {lang} translation",
                            site.default_lang
                        )),
                    );
                }
            }
        }
    }
}

/// The candidate closest to `wanted` by edit distance, when it is close enough to be a typo.
pub fn nearest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    fn name(s: &str) -> &str {
        s.rsplit('/').next().unwrap_or(s)
    }
    let w = name(wanted);
    let limit = (w.chars().count() / 3).clamp(1, 4);
    candidates
        .filter(|c| *c != wanted)
        .map(|c| (levenshtein(w, name(c)), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Edit distance between two strings, in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_matches() {
        assert_eq!(levenshtein("activate.md", "activte.md"), 1);
        let c = ["nl/a/activate.md", "nl/a/index.md"];
        assert_eq!(
            nearest("nl/a/activte.md", c.iter().copied()),
            Some("nl/a/activate.md")
        );
        assert_eq!(nearest("nl/a/zzzzzz.md", c.iter().copied()), None);
    }
}
