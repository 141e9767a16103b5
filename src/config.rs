//! Site configuration: `helpgen.toml` (optional) → [`RawConfig`] → validated [`Config`].
//!
//! Every key has a default, so a folder with only `content/` builds. Command-line flags
//! override the file (see `cli`).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::Deserialize;

/// The languages helpgen ships UI strings for, in the order the switcher lists them.
pub const BUILTIN_LANGUAGES: [&str; 6] = ["en", "nl", "de", "da", "no", "sv"];

/// `helpgen.toml` exactly as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawConfig {
    /// Site title shown in the header and `<title>`.
    pub title: Option<String>,
    /// Public URL of the site root, e.g. `https://docs.example.com/help/`.
    pub base_url: Option<String>,
    /// Languages to build; default: every language folder found in the content.
    pub languages: Option<Vec<String>>,
    /// The language a missing translation falls back to.
    pub default_language: Option<String>,
    /// Write `foo/index.html` instead of `foo.html`.
    pub pretty_urls: Option<bool>,
    /// Folders, relative to the config file.
    pub paths: RawPaths,
    /// Free-form values for templates (`config.extra`).
    pub extra: toml::Table,
}

/// The `[paths]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawPaths {
    /// Markdown content (default `content`).
    pub content: Option<PathBuf>,
    /// Output (default `public`).
    pub out: Option<PathBuf>,
    /// Template overrides (default `templates`).
    pub templates: Option<PathBuf>,
    /// Locale overrides (default `locales`).
    pub locales: Option<PathBuf>,
    /// License snapshots (default `license`).
    pub license: Option<PathBuf>,
}

/// Validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Public URL of the site root, always ending in `/`; `None` when unknown.
    pub base_url: Option<String>,
    /// Languages requested; empty means "every language folder in the content".
    pub languages: Vec<String>,
    /// Requested fallback language; `None` means the first language built.
    pub default_language: Option<String>,
    /// `foo/index.html` URLs instead of `foo.html`.
    pub pretty_urls: bool,
    /// Content root.
    pub content_dir: PathBuf,
    /// Output folder.
    pub out_dir: PathBuf,
    /// Template overrides.
    pub templates_dir: PathBuf,
    /// Locale overrides.
    pub locales_dir: PathBuf,
    /// License snapshots.
    pub license_dir: PathBuf,
    /// Free-form values for templates.
    pub extra: serde_json::Value,
}

impl Config {
    /// Reads `path` if given, else `helpgen.toml` in `root` when it exists, else defaults.
    pub fn load(explicit: Option<&Path>, root: &Path) -> anyhow::Result<Config> {
        let (raw, base) = match explicit {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read config file {}", path.display()))?;
                let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                (parse(&text, path)?, base)
            }
            None => {
                let path = root.join("helpgen.toml");
                match std::fs::read_to_string(&path) {
                    Ok(text) => (parse(&text, &path)?, root.to_path_buf()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        (RawConfig::default(), root.to_path_buf())
                    }
                    Err(e) => return Err(e).context(format!("cannot read {}", path.display())),
                }
            }
        };
        Config::from_raw(raw, &base)
    }

    /// Validates a raw config whose relative paths are relative to `base`.
    pub fn from_raw(raw: RawConfig, base: &Path) -> anyhow::Result<Config> {
        let join = |p: Option<PathBuf>, default: &str| -> PathBuf {
            let p = p.unwrap_or_else(|| PathBuf::from(default));
            if p.is_absolute() || base.as_os_str().is_empty() {
                p
            } else {
                base.join(p)
            }
        };
        let languages = raw.languages.unwrap_or_default();
        for lang in &languages {
            validate_lang(lang)?;
        }
        if let Some(lang) = &raw.default_language {
            validate_lang(lang)?;
        }
        Ok(Config {
            title: raw.title.unwrap_or_else(|| "Help".to_owned()),
            base_url: raw.base_url.map(|u| normalize_base_url(&u)).transpose()?,
            languages,
            default_language: raw.default_language,
            pretty_urls: raw.pretty_urls.unwrap_or(false),
            content_dir: join(raw.paths.content, "content"),
            out_dir: join(raw.paths.out, "public"),
            templates_dir: join(raw.paths.templates, "templates"),
            locales_dir: join(raw.paths.locales, "locales"),
            license_dir: join(raw.paths.license, "license"),
            extra: serde_json::to_value(raw.extra).unwrap_or_default(),
        })
    }

    /// The path of the site root as URLs see it (`/` or `/help/`), from `base_url`.
    pub fn base_path(&self) -> String {
        match &self.base_url {
            Some(url) => match url.find("://") {
                Some(i) => match url[i + 3..].find('/') {
                    Some(j) => url[i + 3 + j..].to_owned(),
                    None => "/".to_owned(),
                },
                None => url.clone(),
            },
            None => "/".to_owned(),
        }
    }
}

fn parse(text: &str, path: &Path) -> anyhow::Result<RawConfig> {
    toml::from_str(text).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                (line, col)
            })
            .unwrap_or((1, 1));
        anyhow::anyhow!(
            "{}:{line}:{col}: invalid config: {}",
            path.display(),
            e.message()
        )
    })
}

/// Accepts `https://host/path` (a trailing `/` is added) or a site-absolute `/path/`.
pub fn normalize_base_url(url: &str) -> anyhow::Result<String> {
    let url = url.trim();
    let ok = url.starts_with("http://") || url.starts_with("https://") || url.starts_with('/');
    if !ok || url.contains(char::is_whitespace) {
        bail!("base URL `{url}` must start with http://, https:// or /");
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}

fn validate_lang(lang: &str) -> anyhow::Result<()> {
    let ok = !lang.is_empty()
        && lang.len() <= 16
        && lang
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!("`{lang}` is not a language code (expected e.g. en, nl, de, pt-br)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = Config::load(None, dir.path()).unwrap();
        assert_eq!(cfg.title, "Help");
        assert_eq!(cfg.content_dir, dir.path().join("content"));
        assert!(!cfg.pretty_urls);
        assert_eq!(cfg.base_path(), "/");
    }

    #[test]
    fn unknown_keys_are_errors_with_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("helpgen.toml");
        std::fs::write(&path, "title = \"x\"\ntitel = \"y\"\n").unwrap();
        let err = Config::load(Some(&path), dir.path())
            .unwrap_err()
            .to_string();
        assert!(err.contains("helpgen.toml:2:1"), "{err}");
        assert!(err.contains("titel"), "{err}");
    }

    #[test]
    fn base_url_gets_a_trailing_slash_and_a_path() {
        let raw = RawConfig {
            base_url: Some("https://docs.example.com/help".into()),
            ..RawConfig::default()
        };
        let cfg = Config::from_raw(raw, Path::new("")).unwrap();
        assert_eq!(
            cfg.base_url.as_deref(),
            Some("https://docs.example.com/help/")
        );
        assert_eq!(cfg.base_path(), "/help/");
        assert!(normalize_base_url("ftp://x").is_err());
    }
}
