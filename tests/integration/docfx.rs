//! DocFX conformance: every vector of ../shared/conformance/docfx/vectors.json (DocFX's
//! own Markdown tests) renders through the library and is compared the way DocFX's tests
//! compare (README of that folder). Vectors of features helpgen deliberately does not
//! support are listed with a reason in tests/docfx-unsupported.toml; the test fails on
//! any other failing vector, and on a listed vector that passes.

use std::collections::BTreeMap;
use std::sync::Arc;

use helpgen::diag::Severity;
use helpgen::i18n::Locale;
use helpgen::markdown::{self, Ctx, HeadingIds, LinkStyle, Options, Resolve};
use helpgen::source::SourceFile;
use serde::Deserialize;

use crate::harness::{SiteTest, shared};

#[derive(Deserialize)]
struct Vector {
    id: String,
    feature: String,
    markdown: String,
    expected_html: Option<String>,
    files: BTreeMap<String, String>,
    options: VectorOptions,
    expected_logs: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct VectorOptions {
    harness: String,
    html_compare: String,
    file_path: String,
    line_number: bool,
    #[serde(default)]
    tokens: BTreeMap<String, String>,
    #[serde(default)]
    notes: BTreeMap<String, String>,
    #[serde(default)]
    optional_extensions: Vec<Extension>,
    expected_dependencies: Option<Vec<String>>,
    expected_log_messages: Option<Vec<String>>,
    #[serde(default)]
    inline: bool,
}

#[derive(Deserialize)]
struct Extension {
    name: String,
    options: serde_json::Value,
}

#[derive(Deserialize)]
struct Unsupported {
    #[serde(default)]
    vector: Vec<Listed>,
}

#[derive(Deserialize)]
struct Listed {
    id: String,
    reason: String,
}

/// The vector's extra files, looked up the way both DocFX harnesses do: paths relative
/// to the docset root, `/`-separated.
struct VectorFiles {
    files: BTreeMap<String, Arc<SourceFile>>,
}

impl Resolve for VectorFiles {
    fn page_url(&self, _rel: &str) -> Option<&str> {
        None
    }
    fn would_be_url(&self, rel: &str) -> String {
        rel.to_owned()
    }
    fn uid(&self, _uid: &str) -> Option<(&str, &str)> {
        None
    }
    fn file(&self, rel: &str) -> Option<&Arc<SourceFile>> {
        self.files.get(rel)
    }
}

/// The render options a vector asks for; `Err` names an optional Markdig extension
/// helpgen does not offer.
fn options(v: &Vector) -> Result<Options, String> {
    let mut o = Options {
        highlight: false,
        source_info: v.options.line_number,
        links: if v.options.harness == "service" {
            LinkStyle::RebaseIncludes
        } else {
            LinkStyle::AsWritten
        },
        ..Options::default()
    };
    for (k, class) in &v.options.notes {
        o.notes.insert(k.to_ascii_uppercase(), class.clone());
    }
    for ext in &v.options.optional_extensions {
        let opt = ext.options.as_str().unwrap_or("");
        match ext.name.as_str() {
            "AutoIdentifiers" => {
                o.heading_ids = if opt == "GitHub" {
                    HeadingIds::GitHub
                } else {
                    HeadingIds::Markdig
                }
            }
            "gfm-pipetables" => o.header_columns = true,
            "PipeTables" => {
                o.header_columns = ext
                    .options
                    .get("useHeaderForColumnCount")
                    .and_then(serde_json::Value::as_bool)
                    .unwrap_or(false)
            }
            "AutoLinks" if ext.options.is_null() => {}
            "MediaLinks" if ext.options.is_null() => {}
            other => return Err(format!("optional extension {other} {}", ext.options)),
        }
    }
    Ok(o)
}

/// DocFX's localisation tokens as a locale: alert headings by their lower-case name, the
/// missing-snippet message by helpgen's key.
fn locale(v: &Vector) -> Locale {
    let mut strings = BTreeMap::new();
    for (k, t) in &v.options.tokens {
        let key = if k == "codeIncludeNotFound" {
            "code_not_found"
        } else {
            k.as_str()
        };
        strings.insert(key.to_owned(), t.clone());
    }
    Locale {
        lang: "en".into(),
        strings,
        months: Vec::new(),
    }
}

/// Why a vector fails, or `None` when it passes.
fn run(v: &Vector) -> Option<String> {
    let opts = match options(v) {
        Ok(o) => o,
        Err(e) => return Some(e),
    };
    let files = VectorFiles {
        files: v
            .files
            .iter()
            .map(|(k, t)| (k.clone(), Arc::new(SourceFile::new(k.clone(), t.as_str()))))
            .collect(),
    };
    let locale = locale(v);
    let ctx = Ctx {
        resolve: &files,
        locale: &locale,
        page_url: &v.options.file_path,
    };
    let file = SourceFile::new(v.options.file_path.clone(), v.markdown.as_str());
    let body = helpgen::frontmatter::split(&v.markdown).body_offset;
    let r = if v.options.inline {
        markdown::render_inline_with(&ctx, &opts, &file, body)
    } else {
        markdown::render_with(&ctx, &opts, &file, body)
    };
    let mut problems = Vec::new();
    if let Some(expected) = &v.expected_html {
        let (want, got) = if v.options.html_compare == "exact" {
            (expected.clone(), r.html.clone())
        } else {
            let strip = |s: &str| s.replace(['\r', '\n'], "");
            (strip(expected), strip(&r.html))
        };
        if want != got {
            problems.push(format!("html differs\n  want: {want:?}\n  got:  {got:?}"));
        }
    }
    if let Some(expected) = &v.expected_logs {
        let mut want = expected.clone();
        want.sort();
        let mut got: Vec<String> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| d.code.to_owned())
            .collect();
        got.sort();
        if want != got {
            problems.push(format!("logs differ: want {want:?}, got {got:?}"));
        }
    }
    if let Some(expected) = &v.options.expected_dependencies {
        let root_dir = v.options.file_path.rsplit_once('/').map_or("", |(d, _)| d);
        let mut got: Vec<String> = r
            .includes
            .iter()
            .map(|rel| relative(root_dir, rel))
            .collect();
        got.sort();
        let mut want = expected.clone();
        want.sort();
        if want != got {
            problems.push(format!("dependencies differ: want {want:?}, got {got:?}"));
        }
    }
    for message in v.options.expected_log_messages.iter().flatten() {
        // The chain of files DocFX names, in order, must be named by our diagnostic.
        let chain: Vec<String> = message
            .split('\'')
            .skip(1)
            .step_by(2)
            .map(|f| f.trim_start_matches("~/").to_owned())
            .collect();
        let ok = r.diagnostics.iter().any(|d| {
            let mut rest = d.message.as_str();
            chain.iter().all(|f| match rest.find(f.as_str()) {
                Some(i) => {
                    rest = &rest[i + f.len()..];
                    true
                }
                None => false,
            })
        });
        if !ok {
            problems.push(format!(
                "no diagnostic names the chain {chain:?}: {:?}",
                r.diagnostics
            ));
        }
    }
    (!problems.is_empty()).then(|| problems.join("\n"))
}

/// `rel` relative to the folder `dir` (both root-relative).
fn relative(dir: &str, rel: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = rel.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

#[test]
fn docfx_conformance() {
    let Some(shared) = shared().filter(|s| s.join("conformance/docfx/vectors.json").is_file())
    else {
        assert!(
            std::env::var_os("HELPGEN_REQUIRE_SHARED").is_none(),
            "../shared/conformance/docfx/vectors.json is required (HELPGEN_REQUIRE_SHARED is set)"
        );
        eprintln!("skipped: ../shared/conformance/docfx/vectors.json is not beside the project");
        return;
    };
    let text = std::fs::read_to_string(shared.join("conformance/docfx/vectors.json")).unwrap();
    let vectors: Vec<Vector> = serde_json::from_str(&text).unwrap();
    let listed: Unsupported = toml::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/docfx-unsupported.toml"
        ))
        .unwrap(),
    )
    .unwrap();
    for l in &listed.vector {
        assert!(
            !l.reason.trim().is_empty(),
            "{} is listed without a reason",
            l.id
        );
        assert!(
            vectors.iter().any(|v| v.id == l.id),
            "{} is listed but is no vector",
            l.id
        );
    }
    let verbose = std::env::var_os("DOCFX_VERBOSE").is_some();
    let mut per_feature: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut passed, mut failed) = (0, 0);
    let mut wrong = Vec::new();
    for v in &vectors {
        let outcome =
            std::panic::catch_unwind(|| run(v)).unwrap_or_else(|_| Some("panicked".into()));
        let entry = per_feature.entry(v.feature.as_str()).or_default();
        let is_listed = listed.vector.iter().any(|l| l.id == v.id);
        match outcome {
            None => {
                passed += 1;
                entry.0 += 1;
                if is_listed {
                    wrong.push(format!("{} passes but is listed as unsupported", v.id));
                }
            }
            Some(why) => {
                failed += 1;
                entry.1 += 1;
                if !is_listed {
                    wrong.push(format!("{} fails: {why}", v.id));
                } else if verbose {
                    println!("listed {}: {why}", v.id);
                }
            }
        }
    }
    for (feature, (p, f)) in &per_feature {
        println!("{feature}: {p} passed, {f} failed");
    }
    println!("{passed} passed, {failed} failed");
    for w in &wrong {
        println!("{w}");
    }
    assert!(
        wrong.is_empty(),
        "{} vectors are neither passing nor listed (or listed and passing)",
        wrong.len()
    );
}

/// `helpgen render FILE` prints exactly what the library renders.
#[test]
fn docfx_render_command_matches_the_library() {
    let site = SiteTest::from_fixture(
        "//- content/nl/index.md\n---\ntitle: Start\n---\n# Start\n\n> [!NOTE]\n> Let op @start\n\n#### [A](#tab/a)\n\nEen\n\n#### [B](#tab/b)\n\nTwee\n\n***\n\n[!include[x](includes/x.md)]\n\n```csharp\nvar x = 1;\n```\n\
         //- content/nl/includes/x.md\nUit **x**, zie https://example.com.\n",
    );
    let run = site.run(&["render", "content/nl/index.md", "--content", "content"]);
    assert_eq!(run.code, 0, "{run:?}");
    let config = helpgen::config::Config::from_raw(Default::default(), site.root()).unwrap();
    let mut config = config;
    config.content_dir = site.root().join("content");
    let (html, _) = helpgen::build::render_one(&config, "nl/index.md").unwrap();
    assert_eq!(run.stdout, html);
    assert!(html.contains("<div class=\"NOTE\">"), "{html}");
    assert!(html.contains("class=\"tabGroup\""));
    assert!(html.contains("Uit <strong>x</strong>"));
    assert!(html.contains("hl-"));
}
