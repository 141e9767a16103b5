//! helpgen turns DocFX-style Markdown help in several languages, plus license snapshots,
//! into a static website.
//!
//! # Code map, in pipeline order
//!
//! - [`cli`]: clap types → validated [`build::Options`]; printing results.
//! - [`config`]: `helpgen.toml` → [`config::Config`] with defaults for everything.
//! - [`discover`]: walk the content root, decode every text file → [`discover::Content`].
//! - [`source`], [`frontmatter`]: decoding, line index, typed front matter; [`yaml`]:
//!   YAML reading with a bound on alias expansion, for every YAML file helpgen reads.
//! - [`model`]: pages, uids, tocs, language pairs, redirects → [`model::Site`].
//! - [`markdown`]: Markdown + DocFX dialect → HTML, headings, anchors, located links.
//! - [`theme`], [`i18n`]: embedded templates, static files and UI strings, with overrides.
//! - [`render`]: pages, landing pages, stubs, homes, 404, sitemap → a [`output::Sink`].
//! - [`search`]: per-language stemmed index in lazily loaded script shards.
//! - [`check`]: links, anchors, images, xrefs, toc targets → diagnostics;
//!   [`external`] fetches external links when asked (`--external`).
//! - [`license`]: license snapshots → analysis → the license report (HTML per language,
//!   report.json, licenses.csv) and `license check` rules; `render` adds it to a site.
//! - [`output`]: staging folder swapped atomically into place.
//! - [`build`]: runs the stages in order and times them; [`cache`] skips a build whose
//!   inputs did not change.
//! - [`serve`]: watch, rebuild what a change affects, serve over HTTP, reload browsers.
//!
//! # Invariants
//!
//! - Only `discover`, `theme` (overrides), `output`, `serve`, `build` (which calls them)
//!   and `license::snapshot` (the snapshot files) touch the file system.
//! - `model` and later stages never see a path outside the content root: every path is
//!   content-relative and `path::join` refuses to climb above the root.
//! - Output depends only on sorted input: maps that decide order are `BTreeMap`s or are
//!   sorted before use, so two builds of the same input are byte-identical.
//! - Content problems are [`diag::Diagnostic`]s and never stop a build; `anyhow` errors
//!   are operational (usage, IO) and leave the previous output untouched.

#![allow(
    clippy::result_large_err,
    reason = "Diagnostic is the error type of content parsers; it is built on the cold path and moved once"
)]

pub mod build;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod discover;
pub mod external;
pub mod frontmatter;
pub mod i18n;
pub mod init;
pub mod license;
pub mod markdown;
pub mod model;
pub mod output;
pub mod path;
pub mod render;
pub mod search;
pub mod serve;
pub mod source;
#[cfg(test)]
mod testing;
pub mod theme;
pub mod yaml;
