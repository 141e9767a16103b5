//! The default theme, embedded in the binary as one name → bytes table, and the site's
//! overrides: a file in the site's `templates/` replaces the built-in file of the same
//! name, a site's `locales/<lang>.yml` overrides UI strings key by key.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;

use crate::diag::Diagnostic;
use crate::i18n::{self, Locale};

/// Built-in templates: name → source.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("csp.html", include_str!("../templates/csp.html")),
    ("base.html", include_str!("../templates/base.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("landing.html", include_str!("../templates/landing.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("root.html", include_str!("../templates/root.html")),
    ("redirect.html", include_str!("../templates/redirect.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    ("license.html", include_str!("../templates/license.html")),
    (
        "license_table.html",
        include_str!("../templates/license_table.html"),
    ),
    (
        "license_chart.html",
        include_str!("../templates/license_chart.html"),
    ),
];

/// Built-in static files, written under `_helpgen/` in the output: name → bytes.
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "helpgen.css",
        include_bytes!("../templates/static/helpgen.css"),
    ),
    (
        "helpgen.js",
        include_bytes!("../templates/static/helpgen.js"),
    ),
    ("search.js", include_bytes!("../templates/static/search.js")),
    (
        "license.css",
        include_bytes!("../templates/static/license.css"),
    ),
];

/// Folder of the output that holds the theme's static files.
pub const STATIC_DIR: &str = "_helpgen";

/// Templates, static files and locales, after overrides.
pub struct Theme {
    /// Compiled templates.
    pub tera: tera::Tera,
    /// Static files by name (written to `_helpgen/<name>`).
    pub statics: BTreeMap<String, Vec<u8>>,
    /// UI strings per language.
    pub locales: BTreeMap<String, Locale>,
    /// The built-in templates the site did not replace (or replaced with the same text).
    builtin: Vec<&'static str>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("statics", &self.statics.keys().collect::<Vec<_>>())
            .field("locales", &self.locales.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// Loads the built-in theme, overridden by `templates_dir` and `locales_dir` when they
    /// exist, for `languages`. Locale problems are diagnostics; a template that does not
    /// compile is an error (nothing could be rendered with it).
    pub fn load(
        templates_dir: &Path,
        locales_dir: &Path,
        languages: &[String],
    ) -> anyhow::Result<(Theme, Vec<Diagnostic>)> {
        let mut sources: BTreeMap<String, String> = TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let mut statics: BTreeMap<String, Vec<u8>> = STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        if templates_dir.is_dir() {
            for entry in walkdir::WalkDir::new(templates_dir).sort_by_file_name() {
                let entry =
                    entry.with_context(|| format!("cannot list {}", templates_dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(rel) = entry.path().strip_prefix(templates_dir) else {
                    continue;
                };
                let rel = rel.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(entry.path())
                    .with_context(|| format!("cannot read {}", entry.path().display()))?;
                if let Some(name) = rel.strip_prefix("static/") {
                    statics.insert(name.to_owned(), bytes);
                } else {
                    let text = String::from_utf8(bytes).with_context(|| {
                        format!("template {} is not UTF-8", entry.path().display())
                    })?;
                    sources.insert(rel, text);
                }
            }
        }
        let tera = compile(&sources)?;
        let builtin = TEMPLATES
            .iter()
            .filter(|(name, text)| sources.get(*name).is_some_and(|s| s == text))
            .map(|(name, _)| *name)
            .collect();

        let mut diags = Vec::new();
        let mut locales = BTreeMap::new();
        let mut wanted: Vec<String> = languages.to_vec();
        if !wanted.iter().any(|l| l == "en") {
            wanted.push("en".to_owned());
        }
        for lang in wanted {
            let mut locale = i18n::builtin(&lang);
            let path = locales_dir.join(format!("{lang}.yml"));
            if path.is_file() {
                let shown = format!("locales/{lang}.yml");
                match std::fs::read(&path) {
                    Ok(bytes) => match crate::source::decode(&bytes) {
                        Ok(text) => match i18n::parse_over(&locale, &lang, &text, &shown) {
                            Ok(l) => locale = l,
                            Err(d) => diags.push(d),
                        },
                        Err(e) => diags.push(Diagnostic::error(
                            "locale",
                            shown,
                            (e.line, e.column),
                            e.message,
                        )),
                    },
                    Err(e) => diags.push(Diagnostic::error(
                        "locale",
                        shown,
                        (0, 0),
                        format!("cannot read: {e}"),
                    )),
                }
            }
            locales.insert(lang, locale);
        }
        Ok((
            Theme {
                tera,
                statics,
                locales,
                builtin,
            },
            diags,
        ))
    }

    /// The built-in theme only (tests, `render`).
    pub fn builtin(languages: &[String]) -> Theme {
        let none = Path::new("\0no-such-dir");
        match Theme::load(none, none, languages) {
            Ok((theme, _)) => theme,
            Err(e) => panic!("the built-in theme must compile: {e:#}"),
        }
    }

    /// Whether the template `name` is the built-in one: the renderer may then write its
    /// output without the template engine (the sitemap).
    pub fn is_builtin(&self, name: &str) -> bool {
        self.builtin.contains(&name)
    }

    /// UI strings of `lang` (English for a language without strings).
    pub fn locale(&self, lang: &str) -> &Locale {
        self.locales
            .get(lang)
            .or_else(|| self.locales.get("en"))
            .expect("English is always loaded")
    }
}

fn compile(sources: &BTreeMap<String, String>) -> anyhow::Result<tera::Tera> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| anyhow::anyhow!("template error: {}", error_chain(&e)))?;
    Ok(tera)
}

/// Flattens a Tera error and its causes into one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
