//! Criterion benchmarks of the hot stages, through public entry points only:
//! front matter, Markdown of one representative page, the site model, a whole build of a
//! small generated site, and model + render of the real corpus when it is beside the repo.
//!
//! `cargo bench` runs them all; `cargo bench -- markdown` runs one group. The real corpus
//! is `../shared/corpus/superoffice-docs` (or `$HELPGEN_CORPUS`); without it those
//! benchmarks are skipped with a message. Whole builds of large corpora against Hugo are
//! `bench/run.sh`, not here.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

use helpgen::build::{self, Mode, Options};
use helpgen::config::{Config, RawConfig};
use helpgen::discover::{self, Content};
use helpgen::model::Site;
use helpgen::output::Sink;
use helpgen::source::SourceFile;
use helpgen::theme::Theme;

/// Front matter as the real corpus writes it (nl/admin/user-management/add-associate.md).
const FRONT_MATTER: &str = "---
uid: help-nl-user-add
title: Gebruiker toevoegen
description: In deze handleiding leert u hoe u een nieuwe gebruiker toevoegt in SuperOffice CRM.
keywords: gebruiker toevoegen, medewerker
author: digitaldiina
date: 06.10.2026
version: 12.0
content_type: howto
audience: settings
audience_tooltip: Settings and maintenance
category: identity management
topic: user
index: true
tier: starter
redirect_from:
  - /nl/admin/user-management/learn/add-associate
  - /nl/admin/user-management/learn/add-user
language: nl
---
";

/// A redirect stub: more than half of the real corpus.
const STUB: &str = "---
redirect_url: https://docs.superoffice.com/nl/ai/learn/index.html
# The sole purpose of this file is to avoid 404 if someone goes directly to ai/
---
";

/// A page body of median size and shape (about 3.5 KB: 6 headings, steps with an include,
/// an alert, a tab group, a table, a code block, inline and reference links with anchors,
/// images), like the real corpus and bench/gen-corpus.py.
const BODY: &str = r#"
# Gebruikers toevoegen

Nadat uw SuperOffice CRM-oplossing is geconfigureerd, is het tijd om uw gebruikers toegang te geven. In deze handleiding leest u hoe u één gebruiker tegelijk kunt toevoegen ([rollen][3]).

> [!NOTE]
> Als u gebruikersinformatie hebt opgegeven toen u SuperOffice CRM bestelde, staan deze gebruikers mogelijk al in het systeem. Controleer het scherm **Gebruikers** voordat u iemand handmatig toevoegt.

## Stappen

1. [!include[Go to users](includes/goto-users.md)]
1. Selecteer het tabblad **Medewerkers**.
1. Klik op de knop **Toevoegen** onder de lijst.
1. Voer de naam en het e-mailadres van de nieuwe gebruiker in het bovenste deel van de kaart in.
1. Voer de relevante informatie in de tabbladen **Details** en **Licenties** in.

    ![Create user details -screenshot][img1]

1. [!include[Save or cancel](includes/save-or-cancel.md)]

## <a id="fields"></a>Belangrijke velden uitgelegd

#### [Details](#tab/details)

* **Gebruikers-ID:** Bewerk in het veld **Gebruikers-ID** de voorgestelde ID voor de gebruiker. U kunt geen gebruikers-ID opgeven die al bestaat in de database.
* **Rol:** Selecteer de [rol][3] voor de gebruiker in de keuzelijst **Rol**. De rol bepaalt de gegevenstoegang en functionele rechten van de gebruiker.
* **Primaire groep:** Selecteer een van de vooraf gedefinieerde opties in de keuzelijst. Zie [Zichtbaarheid](index.md#visible) voor meer informatie.

#### [Licenties](#tab/licenses)

* **Gebruikersplan:** Selecteer het relevante gebruikersplan voor de gebruiker. Dit bepaalt welke functies de gebruiker kan openen ([plannen][4]).
* **Voormalige werknemer:** Als een gebruiker geen toegang meer heeft, selecteert u deze optie.

***

## Overzicht van rechten

| Veld | Beschrijving | Verplicht |
|---|---|---|
| **Naam** | De volledige naam van de gebruiker, zoals andere gebruikers die zien. | Ja |
| **E-mail** | Wordt gebruikt voor accountbevestiging en meldingen. | Ja |
| [Rol](role/index.md#rights) | Bepaalt de gegevenstoegang en functionele rechten. | Ja |
| **Bijnaam** | Alleen voor SuperOffice Service. | Nee |

## De API gebruiken

U kunt gebruikers ook met de REST API toevoegen:

```json
{
  "AssociateId": 0,
  "Name": "jjansen",
  "Person": { "Firstname": "Joop", "Lastname": "Jansen" },
  "Role": { "Id": 3 }
}
```

### Voorbeeld

Joop Jansen werkt op de verkoopafdeling van een groot bedrijf. De primaire groep is ingesteld op "Verkoop", zodat Joop toegangsrechten heeft voor gegevens die zijn gemaakt door gebruikers op de verkoopafdeling (zie [Gegevensrechten voor een rol definiëren][8]).

## Gerelateerde inhoud

* [Gebruiker / medewerker bewerken][6]
* [Onsite-gebruikersbeheer](https://help.superoffice.com/docs/11/nl/admin/user-management/add-associate.html)

<!-- Referenced links -->
[3]: role/index.md
[4]: ../license/user-plans.md#change
[6]: update-user.md
[8]: role/set-data-rights-for-role.md#rights

<!-- Referenced images -->
[img1]: ../../media/loc/en/admin/selected-user-plan.png
"#;

const PAGE_REL: &str = "nl/admin/user-management/add-associate.md";

fn config(content: &Path, out: &Path) -> Config {
    let mut config = Config::from_raw(RawConfig::default(), Path::new("")).expect("default config");
    config.content_dir = content.to_path_buf();
    config.out_dir = out.to_path_buf();
    config
}

/// The link targets and includes of [`BODY`], in memory.
fn page_site() -> Site {
    let page = format!("{FRONT_MATTER}{BODY}");
    let target = |title: &str, anchor: &str| {
        format!("---\ntitle: {title}\n---\n\n# {title}\n\n## {anchor}\n\nText.\n")
    };
    let files = vec![
        (PAGE_REL.to_owned(), page),
        (
            "nl/admin/user-management/index.md".to_owned(),
            target("Gebruikers", "Visible"),
        ),
        (
            "nl/admin/user-management/update-user.md".to_owned(),
            target("Bewerken", "Stappen"),
        ),
        (
            "nl/admin/user-management/role/index.md".to_owned(),
            target("Rol", "Rights"),
        ),
        (
            "nl/admin/user-management/role/set-data-rights-for-role.md".to_owned(),
            target("Rechten", "Rights"),
        ),
        (
            "nl/admin/license/user-plans.md".to_owned(),
            target("Plannen", "Change"),
        ),
        (
            "nl/admin/user-management/includes/goto-users.md".to_owned(),
            "<!-- markdownlint-disable-file MD041 -->\nSelecteer **Gebruikers** in de Navigator.\n"
                .to_owned(),
        ),
        (
            "nl/admin/user-management/includes/save-or-cancel.md".to_owned(),
            "<!-- markdownlint-disable-file MD041 -->\nKlik op **Opslaan**.\n".to_owned(),
        ),
        (
            "media/loc/en/admin/selected-user-plan.png".to_owned(),
            String::new(),
        ),
    ];
    let content =
        Content::from_memory(&["nl"], files.iter().map(|(r, t)| (r.as_str(), t.as_str())));
    Site::build(config(Path::new("content"), Path::new("public")), content)
}

fn frontmatter(c: &mut Criterion) {
    let mut g = c.benchmark_group("frontmatter");
    let page = SourceFile::new(PAGE_REL, format!("{FRONT_MATTER}{BODY}"));
    let stub = SourceFile::new("nl/ai/index.md", STUB);
    g.throughput(Throughput::Bytes(FRONT_MATTER.len() as u64));
    g.bench_function("parse page", |b| {
        b.iter(|| black_box(helpgen::frontmatter::parse(black_box(&page))))
    });
    g.throughput(Throughput::Bytes(STUB.len() as u64));
    g.bench_function("parse redirect stub", |b| {
        b.iter(|| black_box(helpgen::frontmatter::parse(black_box(&stub))))
    });
    g.finish();
}

fn markdown(c: &mut Criterion) {
    let site = page_site();
    let page = &site.pages[site.by_rel[PAGE_REL]];
    let locale = helpgen::i18n::builtin("nl");
    // The only place that knows the shape of `markdown::Ctx`: adjust here when it changes.
    let ctx = helpgen::markdown::Ctx {
        resolve: &site,
        locale: &locale,
        page_url: &page.url,
    };
    let mut g = c.benchmark_group("markdown");
    g.throughput(Throughput::Bytes(
        (page.file.text.len() - page.body_offset) as u64,
    ));
    g.bench_function("render representative page", |b| {
        b.iter(|| {
            black_box(helpgen::markdown::render(
                &ctx,
                black_box(&page.file),
                page.body_offset,
            ))
        })
    });
    g.finish();
}

/// A small site written to `root`: `per_lang` pages in each of nl and en, in folders of
/// ten with a toc.yml each, includes and cross-links.
fn write_small_site(root: &Path, per_lang: usize) {
    for lang in ["nl", "en"] {
        let mut root_toc = String::from("items:\n");
        for folder in 0..per_lang.div_ceil(10) {
            let dir = root.join(lang).join(format!("area{folder}"));
            std::fs::create_dir_all(dir.join("includes")).expect("create site folder");
            std::fs::write(
                dir.join("includes/goto-users.md"),
                "<!-- markdownlint-disable-file MD041 -->\nSelect **Users** in the Navigator.\n",
            )
            .expect("write include");
            std::fs::write(
                dir.join("includes/save-or-cancel.md"),
                "<!-- markdownlint-disable-file MD041 -->\nClick **Save**.\n",
            )
            .expect("write include");
            let mut toc = String::from("items:\n");
            let _ = writeln!(
                root_toc,
                "  - name: Area {folder}\n    href: area{folder}/toc.yml"
            );
            for i in 0..10.min(per_lang - folder * 10) {
                let name = if i == 0 {
                    "index".to_owned()
                } else {
                    format!("page-{i}")
                };
                let _ = writeln!(toc, "  - name: Page {folder}.{i}\n    href: {name}.md");
                let body = BODY
                    .replace("index.md#visible", "page-1.md#stappen")
                    .replace("role/index.md#rights", "page-2.md")
                    .replace("role/index.md", "index.md")
                    .replace("role/set-data-rights-for-role.md#rights", "page-3.md")
                    .replace("../license/user-plans.md#change", "page-4.md#stappen")
                    .replace("update-user.md", "page-5.md");
                let fm = FRONT_MATTER
                    .replace("help-nl-user-add", &format!("help-{lang}-{folder}-{i}"))
                    .replace(
                        "/nl/admin/user-management/learn/add-",
                        &format!("/{lang}/old/{folder}/{i}-"),
                    )
                    .replace("language: nl", &format!("language: {lang}"));
                std::fs::write(dir.join(format!("{name}.md")), format!("{fm}{body}"))
                    .expect("write page");
            }
            std::fs::write(dir.join("toc.yml"), toc).expect("write toc");
        }
        std::fs::write(root.join(lang).join("toc.yml"), root_toc).expect("write toc");
    }
    let media = root.join("media/loc/en/admin");
    std::fs::create_dir_all(&media).expect("create media");
    std::fs::write(media.join("selected-user-plan.png"), [0u8; 2048]).expect("write image");
}

fn model_and_build(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    write_small_site(&content, 200);
    let config = config(&content, &dir.path().join("public"));
    let mut g = c.benchmark_group("small site (400 pages)");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("model (Site::build)", |b| {
        b.iter_batched(
            || discover::discover(&config, &[]).expect("discover"),
            |content| black_box(Site::build(config.clone(), content)),
            BatchSize::PerIteration,
        )
    });
    let opts = build_options(config.clone());
    g.bench_function("whole build (build::run, written to disk)", |b| {
        b.iter(|| black_box(build::run(&opts).expect("build")))
    });
    g.finish();
}

// API seams: the two places that spell out signatures other branches are changing. When
// `build::Options` gains a field or `check::run` a parameter, adjust only these.

/// Options of a plain build: all languages, not strict, written to `config.out_dir`.
fn build_options(config: Config) -> Options {
    Options {
        config,
        languages: Vec::new(),
        strict: false,
        mode: Mode::Write,
        external: None,
        progress: false,
    }
}

/// Every content check over a rendered site (no external links).
fn check_site(site: &Site, facts: &[helpgen::render::PageFacts]) -> Vec<helpgen::diag::Diagnostic> {
    helpgen::check::run(site, facts, None)
}

/// Drops every file: measures rendering without the disk.
struct Discard;

impl Sink for Discard {
    fn write(&self, _: &str, bytes: &[u8]) -> anyhow::Result<()> {
        black_box(bytes);
        Ok(())
    }
    fn copy(&self, _: &str, _: &Path) -> anyhow::Result<()> {
        Ok(())
    }
}

fn real_corpus_path() -> PathBuf {
    std::env::var_os("HELPGEN_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/superoffice-docs"),
        PathBuf::from,
    )
}

fn real_corpus(c: &mut Criterion) {
    let root = real_corpus_path();
    if !root.is_dir() {
        eprintln!(
            "skipping the real-corpus benchmarks: {} is absent (set HELPGEN_CORPUS)",
            root.display()
        );
        return;
    }
    let config = config(&root, Path::new("/nonexistent-output"));
    let mut g = c.benchmark_group("real corpus");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("discover", |b| {
        b.iter(|| black_box(discover::discover(&config, &[]).expect("discover")))
    });
    g.bench_function("model (Site::build)", |b| {
        b.iter_batched(
            || discover::discover(&config, &[]).expect("discover"),
            |content| black_box(Site::build(config.clone(), content)),
            BatchSize::PerIteration,
        )
    });
    let site = Site::build(
        config.clone(),
        discover::discover(&config, &[]).expect("discover"),
    );
    let theme = Theme::builtin(site.languages());
    g.bench_function("render (render_site, no disk)", |b| {
        b.iter(|| black_box(helpgen::render::render_site(&site, &theme, &Discard)))
    });
    g.bench_function("model + render + check", |b| {
        b.iter_batched(
            || discover::discover(&config, &[]).expect("discover"),
            |content| {
                let site = Site::build(config.clone(), content);
                let report = helpgen::render::render_site(&site, &theme, &Discard);
                black_box(check_site(&site, &report.pages))
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, frontmatter, markdown, model_and_build, real_corpus);
criterion_main!(benches);
