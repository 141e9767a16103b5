//! Syntax highlighting with syntect: code becomes `<span class="hl-…">` runs (scope names
//! as classes), so the theme's stylesheet decides the colours in light and dark mode.
//!
//! The grammars load once per process, on the first highlighted block: syntect's default
//! set from its packed dump, and a small set of grammars it lacks (PowerShell).

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder};
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
pub fn highlight(language: &str, code: &str) -> Option<String> {
    let (set, syntax) = find(grammar(language)?)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
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
}
