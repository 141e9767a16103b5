//! Syntax highlighting with syntect: code becomes `<span class="hl-…">` runs (scope names
//! as classes), so the theme's stylesheet decides the colours in light and dark mode.
//!
//! The grammars load once per process, on the first highlighted block: syntect's default
//! set from its packed dump, and a small set of grammars it lacks (PowerShell).

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{
    ParseState, ScopeStack, ScopeStackOp, SyntaxDefinition, SyntaxReference, SyntaxSet,
    SyntaxSetBuilder,
};
use syntect::util::LinesWithEndings;

/// Fence languages (lower case) and the grammar that highlights them. TypeScript uses the
/// JavaScript grammar (its superset syntax reads well in it); CRMScript, SuperOffice's
/// C-like scripting language, uses the C grammar.
const GRAMMARS: &[(&str, &str)] = &[
    ("c#", "C#"),
    ("cs", "C#"),
    ("csharp", "C#"),
    ("js", "JavaScript"),
    ("javascript", "JavaScript"),
    ("node", "JavaScript"),
    ("ts", "JavaScript"),
    ("typescript", "JavaScript"),
    ("tsx", "JavaScript"),
    ("json", "JSON"),
    ("xml", "XML"),
    ("xaml", "XML"),
    ("xsl", "XML"),
    ("xslt", "XML"),
    ("xsd", "XML"),
    ("html", "HTML"),
    ("htm", "HTML"),
    ("sql", "SQL"),
    ("powershell", "PowerShell"),
    ("ps", "PowerShell"),
    ("ps1", "PowerShell"),
    ("pwsh", "PowerShell"),
    ("posh", "PowerShell"),
    ("bash", "Bourne Again Shell (bash)"),
    ("sh", "Bourne Again Shell (bash)"),
    ("shell", "Bourne Again Shell (bash)"),
    ("zsh", "Bourne Again Shell (bash)"),
    ("yaml", "YAML"),
    ("yml", "YAML"),
    ("crmscript", "C"),
    ("crm", "C"),
    ("c", "C"),
    ("cpp", "C++"),
    ("c++", "C++"),
    ("css", "CSS"),
    ("java", "Java"),
    ("python", "Python"),
    ("py", "Python"),
    ("go", "Go"),
    ("rust", "Rust"),
    ("rs", "Rust"),
    ("ruby", "Ruby"),
    ("rb", "Ruby"),
    ("php", "PHP"),
];

const POWERSHELL: &str = include_str!("syntaxes/PowerShell.sublime-syntax");

fn defaults() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn extra() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut b = SyntaxSetBuilder::new();
        if let Ok(def) = SyntaxDefinition::load_from_str(POWERSHELL, true, Some("PowerShell")) {
            b.add(def);
        }
        b.build()
    })
}

/// The grammar name for a fence language, if there is one.
fn grammar(language: &str) -> Option<&'static str> {
    let l = language.to_ascii_lowercase();
    GRAMMARS.iter().find(|(k, _)| *k == l).map(|(_, g)| *g)
}

/// Whether `language` is highlighted (without loading any grammar).
pub fn supports(language: &str) -> bool {
    grammar(language).is_some()
}

fn find(name: &str) -> Option<(&'static SyntaxSet, &'static SyntaxReference)> {
    let set = if name == "PowerShell" {
        extra()
    } else {
        defaults()
    };
    set.find_syntax_by_name(name).map(|s| (set, s))
}

/// `code` as highlighted HTML, or `None` for a language without a grammar.
///
/// What syntect's `ClassedHTMLGenerator` makes, with each line's parse recalled from this
/// thread's [`LineCache`] when it parsed the same line in the same state before.
pub fn highlight(language: &str, code: &str) -> Option<String> {
    let grammar = grammar(language)?;
    let (set, syntax) = find(grammar)?;
    LINES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let mut state = ParseState::new(syntax);
        let mut scopes = ScopeStack::new();
        let mut open_spans = 0isize;
        let mut html = String::with_capacity(code.len() * 3);
        for line in LinesWithEndings::from(code) {
            let ops = cache.parse(grammar, &mut state, line, set)?;
            let (formatted, delta) =
                line_tokens_to_classed_spans(line, &ops, STYLE, &mut scopes).ok()?;
            open_spans += delta;
            html.push_str(&formatted);
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        Some(html)
    })
}

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The scope changes syntect's parser gives one line.
type Ops = [(usize, ScopeStackOp)];

/// The lines one thread has parsed, by grammar and text, each with the parser states it
/// was parsed in. A line's parse depends on nothing but the state before it and the line
/// (and the grammar), so a line met again in a state it was parsed in is not parsed
/// again: its scope changes and the state after it are recalled. Code in help pages
/// repeats lines (`{`, `}`, `using` and `import` lines, configuration boilerplate) and
/// the grammars' regular expressions are nearly all that highlighting costs.
struct LineCache {
    lines: FxHashMap<&'static str, FxHashMap<Box<str>, Vec<Parsed>>>,
    /// Parses kept, and how many it keeps before it starts again.
    len: usize,
    limit: usize,
}

/// One parse of a line: the state before it, its scope changes, the state after it.
struct Parsed {
    before: ParseState,
    ops: Box<Ops>,
    after: ParseState,
}

/// Parses a thread keeps (a few MB on real code; some 30 MB if every one held the largest
/// states), the longest line it keeps (long lines are rarely repeated), the states it
/// keeps of one line (its lookup is a walk through them), and the largest state it keeps,
/// by the length of its debug form.
const CACHED_PARSES: usize = 10_000;
const CACHED_LINE_BYTES: usize = 256;
const PARSES_PER_LINE: usize = 8;
const CACHED_STATE_TEXT: usize = 1_024;

/// Whether `state` is small enough to keep: its debug form is written only up to
/// [`CACHED_STATE_TEXT`] bytes, so a deep state costs no more to check than a small one.
fn small(state: &ParseState) -> bool {
    struct Bounded(usize);
    impl std::fmt::Write for Bounded {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            if self.0 > CACHED_STATE_TEXT {
                Err(std::fmt::Error)
            } else {
                Ok(())
            }
        }
    }
    std::fmt::write(&mut Bounded(0), format_args!("{state:?}")).is_ok()
}

thread_local! {
    static LINES: RefCell<LineCache> = RefCell::new(LineCache::new(CACHED_PARSES));
}

impl LineCache {
    fn new(limit: usize) -> LineCache {
        LineCache {
            lines: FxHashMap::default(),
            len: 0,
            limit,
        }
    }

    /// The scope changes of `line` parsed from `state` by `grammar` (of `set`); leaves
    /// `state` as the parse leaves it. `None` when syntect fails.
    fn parse(
        &mut self,
        grammar: &'static str,
        state: &mut ParseState,
        line: &str,
        set: &SyntaxSet,
    ) -> Option<Cow<'_, Ops>> {
        if line.len() > CACHED_LINE_BYTES {
            return state.parse_line(line, set).ok().map(Cow::Owned);
        }
        let known = self
            .lines
            .get(grammar)
            .and_then(|lines| lines.get(line))
            .and_then(|parses| parses.iter().position(|p| p.before == *state));
        if let Some(i) = known {
            let parsed = &self.lines[grammar][line][i];
            state.clone_from(&parsed.after);
            return Some(Cow::Borrowed(&parsed.ops));
        }
        // Only small states are kept (and cloned): code can nest without end, and a
        // state holds every level it is in.
        let before = small(state).then(|| state.clone());
        let ops = state.parse_line(line, set).ok()?;
        let Some(before) = before.filter(|_| small(state)) else {
            return Some(Cow::Owned(ops));
        };
        let parses = self
            .lines
            .entry(grammar)
            .or_default()
            .entry(line.into())
            .or_default();
        if parses.len() >= PARSES_PER_LINE {
            return Some(Cow::Owned(ops));
        }
        parses.push(Parsed {
            before,
            ops: ops.clone().into_boxed_slice(),
            after: state.clone(),
        });
        self.len += 1;
        if self.len >= self.limit {
            self.lines.clear();
            self.len = 0;
        }
        Some(Cow::Owned(ops))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_languages_have_grammars() {
        for lang in [
            "csharp",
            "javascript",
            "typescript",
            "json",
            "xml",
            "html",
            "sql",
            "powershell",
            "bash",
            "yaml",
            "crmscript",
        ] {
            let h = highlight(lang, "if (x) { y = \"s\"; } # c\n");
            assert!(
                h.as_deref()
                    .is_some_and(|h| h.contains("<span class=\"hl-")),
                "{lang}: {h:?}"
            );
        }
        let ps = highlight("powershell", "Get-Item $path -Force # note\n").unwrap();
        assert!(ps.contains("hl-variable"), "{ps}");
        assert!(ps.contains("hl-comment"), "{ps}");
        assert!(highlight("mermaid", "graph").is_none());
        assert!(highlight("csharp", "a < b & c").unwrap().contains("&lt;"));
    }

    /// syntect's own generator, which `highlight` must equal.
    fn generated(language: &str, code: &str) -> Option<String> {
        let (set, syntax) = find(grammar(language)?)?;
        let mut generator =
            syntect::html::ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }

    /// Blocks whose repeated lines are parsed in different states: `}` in code and in a
    /// comment, a line inside and outside a string, the same first line in two blocks.
    const REPEATS: &[(&str, &str)] = &[
        ("csharp", "}\n/*\n}\n*/\n}\nvar s = @\"\n}\n\";\n}\n"),
        (
            "csharp",
            "using System;\n/* using System;\nusing System; */\nusing System;\n",
        ),
        ("xml", "<a>\n<!--\n<b x=\"1\"/>\n-->\n<b x=\"1\"/>\n</a>\n"),
        ("javascript", "x = `\n}\n`;\n}\n// }\n}"),
        ("sql", "SELECT 1;\n/*\nSELECT 1;\n*/\nSELECT 1;\n"),
        ("powershell", "<#\n}\n#>\n}\n$a = @\"\n}\n\"@\n}\n"),
        ("yaml", "a: |\n  b: c\nb: c\n  b: c\n"),
        ("json", "{\n  \"a\": [\n  \"a\": 1\n  ]\n}\n"),
    ];

    #[test]
    fn recalled_lines_highlight_as_syntect_generates() {
        // The test means something: one line, two states, two highlightings.
        let comment = generated("csharp", "/*\n}\n").unwrap();
        let code = generated("csharp", "{\n}\n").unwrap();
        assert_ne!(comment.lines().nth(1), code.lines().nth(1));
        let long = format!("var s = \"{}\";\n", "x".repeat(2 * CACHED_LINE_BYTES));
        let blocks = REPEATS.iter().copied().chain([
            ("csharp", long.as_str()),
            ("csharp", ""),
            ("sql", "a\r\nb"),
        ]);
        for (language, code) in blocks {
            let want = generated(language, code);
            assert!(want.is_some(), "{language}: {code:?}");
            // The second time round every line is recalled.
            assert_eq!(highlight(language, code), want, "{language}: {code:?}");
            assert_eq!(
                highlight(language, code),
                want,
                "again {language}: {code:?}"
            );
        }
    }

    #[test]
    fn a_full_line_cache_starts_again() {
        let (set, syntax) = find("C#").unwrap();
        let mut cache = LineCache::new(3);
        for round in 0..2 {
            let mut state = ParseState::new(syntax);
            let mut reference = ParseState::new(syntax);
            for i in 0..7 {
                let line = format!("int a{i} = {i};\n");
                let ops = cache.parse("C#", &mut state, &line, set).unwrap();
                let want = reference.parse_line(&line, set).unwrap();
                assert_eq!(*ops, *want, "round {round}, line {i}");
                assert_eq!(state, reference, "round {round}, line {i}");
                assert!(cache.len <= 3);
            }
        }
    }

    #[test]
    fn deep_states_and_lines_met_in_many_states_are_not_kept() {
        let (set, syntax) = find("JSON").unwrap();
        let mut cache = LineCache::new(CACHED_PARSES);
        let mut state = ParseState::new(syntax);
        let mut reference = ParseState::new(syntax);
        // Every line opens an array: each is met in a state one level deeper.
        for i in 0..2_000 {
            let ops = cache.parse("JSON", &mut state, "[\n", set).unwrap();
            let want = reference.parse_line("[\n", set).unwrap();
            assert_eq!(*ops, *want, "line {i}");
        }
        assert_eq!(state, reference);
        assert!(!small(&state), "the test reaches states too deep to keep");
        let kept: Vec<&Parsed> = cache
            .lines
            .values()
            .flat_map(|l| l.values())
            .flatten()
            .collect();
        assert!(kept.len() <= PARSES_PER_LINE, "{} kept", kept.len());
        assert!(kept.iter().all(|p| small(&p.before) && small(&p.after)));
        // What is kept is still recalled.
        let mut again = ParseState::new(syntax);
        let first = cache
            .parse("JSON", &mut again, "[\n", set)
            .unwrap()
            .into_owned();
        assert_eq!(
            first,
            ParseState::new(syntax).parse_line("[\n", set).unwrap()
        );
    }

    #[test]
    fn code_of_the_corpora_highlights_as_syntect_generates() {
        let is_md = |p: &std::path::Path| p.extension().is_some_and(|e| e == "md");
        let mut blocks = 0;
        for path in crate::testing::corpus_files(is_md) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let mut fence: Option<(&str, String)> = None;
            for line in text.lines() {
                let trimmed = line.trim_start();
                match (fence.as_mut(), trimmed.strip_prefix("```")) {
                    (None, Some(info)) => fence = Some((info.trim(), String::new())),
                    (Some((language, code)), Some(_)) => {
                        if supports(language) {
                            blocks += 1;
                            let want = generated(language, code);
                            let place = path.display();
                            assert_eq!(highlight(language, code), want, "{place}");
                            assert_eq!(highlight(language, code), want, "again {place}");
                        }
                        fence = None;
                    }
                    (Some((_, code)), None) => {
                        code.push_str(line);
                        code.push('\n');
                    }
                    (None, None) => {}
                }
            }
        }
        println!("{blocks} code blocks compared");
        if crate::testing::real_corpus_absent() {
            return;
        }
        assert!(blocks >= 8, "{blocks} blocks");
    }
}
