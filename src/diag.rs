//! Diagnostics: problems found in user content, collected rather than thrown.
//!
//! Every stage pushes [`Diagnostic`]s into its result; the build keeps going and the
//! command decides the exit code at the end (0 clean, 1 errors, 2 usage or IO).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the site for readers; fails the build.
    Error,
    /// Probably wrong; fails the build with `--strict`.
    Warning,
    /// Worth knowing, never fails a build.
    Info,
}

impl Severity {
    /// The lower-case name used in human and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem in the content, located in a source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error, warning or info.
    pub severity: Severity,
    /// Stable kebab-case identifier, e.g. `broken-link` or `front-matter`.
    pub code: &'static str,
    /// Path relative to the content root, `/`-separated.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column in characters; 0 when unknown.
    pub column: u32,
    /// The offending reference (link target, include path, uid…), if any.
    pub target: Option<String>,
    /// What is wrong, as one sentence without a trailing period.
    pub message: String,
    /// A likely fix, e.g. the name of a near match.
    pub suggestion: Option<String>,
    /// A family this diagnostic belongs to, for the summary of human output (e.g. "links
    /// into en/, a language this site does not have"); not part of the JSON.
    #[serde(skip)]
    pub group: Option<String>,
}

impl Diagnostic {
    /// A diagnostic for `file` at `line:column`.
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: impl Into<String>,
        (line, column): (u32, u32),
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            file: file.into(),
            line,
            column,
            target: None,
            message: message.into(),
            suggestion: None,
            group: None,
        }
    }

    /// Shorthand for an error.
    pub fn error(
        code: &'static str,
        file: impl Into<String>,
        pos: (u32, u32),
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, file, pos, message)
    }

    /// Shorthand for a warning.
    pub fn warning(
        code: &'static str,
        file: impl Into<String>,
        pos: (u32, u32),
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, file, pos, message)
    }

    /// Records the reference this diagnostic is about.
    pub fn with_target(mut self, target: impl Into<String>) -> Diagnostic {
        self.target = Some(target.into());
        self
    }

    /// Records a likely fix.
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Diagnostic {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Puts the diagnostic in a family for the human summary.
    pub fn with_group(mut self, group: impl Into<String>) -> Diagnostic {
        self.group = Some(group.into());
        self
    }

    /// `file:line:col` as editors understand it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{l}", self.file),
            (l, c) => format!("{}:{l}:{c}", self.file),
        }
    }

    fn sort_key(&self) -> (&str, u32, u32, &'static str, &str) {
        (&self.file, self.line, self.column, self.code, &self.message)
    }
}

/// Counts of a set of diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Pages built or checked.
    pub pages: usize,
    /// Diagnostics of severity error (after `--strict`).
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Count per diagnostic code.
    pub by_code: BTreeMap<&'static str, usize>,
}

/// Sorts diagnostics by file, position and code and removes exact duplicates, so output
/// is deterministic whatever order the parallel stages produced them in.
pub fn normalize(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

/// Turns warnings into errors (`--strict`).
pub fn make_strict(diags: &mut [Diagnostic]) {
    for d in diags.iter_mut() {
        if d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
    }
}

/// Counts diagnostics by severity and code.
pub fn summarize(diags: &[Diagnostic], pages: usize) -> Summary {
    let mut summary = Summary {
        pages,
        ..Summary::default()
    };
    for d in diags {
        match d.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => {}
        }
        *summary.by_code.entry(d.code).or_default() += 1;
    }
    summary
}

/// Human output: diagnostics grouped by file, in sorted order, each with its fix.
pub fn format_human(diags: &[Diagnostic], min: Severity) -> String {
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for d in diags.iter().filter(|d| d.severity <= min) {
        if current != Some(d.file.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", d.file);
            current = Some(&d.file);
        }
        let _ = write!(
            out,
            "  {}: {}[{}]: {}",
            d.location(),
            d.severity.as_str(),
            d.code,
            d.message
        );
        if let Some(s) = &d.suggestion {
            let _ = write!(out, " (did you mean `{s}`?)");
        }
        out.push('\n');
    }
    out
}

/// Families of diagnostics with their counts and how many files they touch, largest
/// first: the readable overview of a site with hundreds of similar problems.
pub fn groups(diags: &[Diagnostic], min: Severity) -> Vec<String> {
    let mut families: BTreeMap<&str, (usize, std::collections::BTreeSet<&str>)> = BTreeMap::new();
    for d in diags.iter().filter(|d| d.severity <= min) {
        if let Some(g) = &d.group {
            let e = families.entry(g).or_default();
            e.0 += 1;
            e.1.insert(&d.file);
        }
    }
    let mut lines: Vec<(usize, String)> = families
        .into_iter()
        .map(|(g, (n, files))| {
            (
                n,
                format!(
                    "{n:>6} × {g} (in {} file{})",
                    files.len(),
                    if files.len() == 1 { "" } else { "s" }
                ),
            )
        })
        .collect();
    lines.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    lines.into_iter().map(|(_, l)| l).collect()
}

/// The JSON document of `--format json`: `{"diagnostics": [...], "summary": {...}}`.
pub fn to_json(diags: &[Diagnostic], summary: &Summary) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        diagnostics: &'a [Diagnostic],
        summary: &'a Summary,
    }
    serde_json::to_string_pretty(&Doc {
        diagnostics: diags,
        summary,
    })
    .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_output_groups_by_file_and_sorts() {
        let mut diags = vec![
            Diagnostic::error("broken-link", "nl/b.md", (3, 4), "no such page"),
            Diagnostic::warning("orphan-page", "nl/a.md", (0, 0), "in no toc"),
            Diagnostic::error("broken-link", "nl/b.md", (1, 2), "no such page")
                .with_suggestion("c.md"),
        ];
        normalize(&mut diags);
        let text = format_human(&diags, Severity::Info);
        assert_eq!(
            text,
            "nl/a.md\n  nl/a.md: warning[orphan-page]: in no toc\n\nnl/b.md\n  \
             nl/b.md:1:2: error[broken-link]: no such page (did you mean `c.md`?)\n  \
             nl/b.md:3:4: error[broken-link]: no such page\n"
        );
        let summary = summarize(&diags, 2);
        assert_eq!((summary.errors, summary.warnings), (2, 1));
        assert_eq!(summary.by_code["broken-link"], 2);
    }

    #[test]
    fn strict_turns_warnings_into_errors() {
        let mut diags = vec![Diagnostic::warning("x", "a.md", (1, 1), "m")];
        make_strict(&mut diags);
        assert_eq!(diags[0].severity, Severity::Error);
    }
}
