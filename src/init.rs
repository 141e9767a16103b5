//! `helpgen init [DIR]`: a new site to start writing in, with the layout `build` expects.

use std::path::Path;

use anyhow::{Context as _, bail};

/// The files of a new site: path → text.
const FILES: &[(&str, &str)] = &[
    (
        "helpgen.toml",
        "# helpgen site configuration; every key is optional (see README: A site on disk).\n\
         title = \"Help\"\n\
         # base_url = \"https://docs.example.com/help/\"\n\
         # languages = [\"en\", \"nl\"]\n\
         default_language = \"en\"\n",
    ),
    (
        "content/en/index.md",
        "---\nuid: home-en\ntitle: Welcome\ndescription: Start page of the help.\n---\n\n# Welcome\n\n\
         Start with [Getting started](getting-started.md).\n\n> [!TIP]\n> Run `helpgen serve` and edit this file: the browser shows each save.\n",
    ),
    (
        "content/en/getting-started.md",
        "---\nuid: getting-started-en\ntitle: Getting started\n---\n\n# Getting started\n\n\
         1. Write pages as Markdown under `content/<language>/`.\n\
         1. List them in a `toc.yml` for the sidebar.\n\
         1. Run `helpgen check` before you publish.\n\n\
         [!include[Note](includes/note.md)]\n",
    ),
    (
        "content/en/includes/note.md",
        "> [!NOTE]\n> Files under `includes/` are fragments: pages include them, they are not pages.\n",
    ),
    (
        "content/en/toc.yml",
        "items:\n- name: Welcome\n  href: index.md\n- name: Getting started\n  href: getting-started.md\n",
    ),
];

/// Writes a new site into `dir`; refuses to overwrite any file.
pub fn init(dir: &Path) -> anyhow::Result<Vec<String>> {
    for (rel, _) in FILES {
        let path = dir.join(rel);
        if path.exists() {
            bail!(
                "{} already exists; helpgen init only starts new sites",
                path.display()
            );
        }
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push((*rel).to_owned());
    }
    Ok(written)
}
