//! Printing diagnostics for people (`human`), programs (`json`) and GitHub
//! Actions annotations (`github`).

use std::fmt;

use clap::ValueEnum;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Source snippets with a caret under the problem, and a hint.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
    /// `::error file=…,line=…::` lines that GitHub Actions shows on the pull request.
    Github,
}

/// Renders all diagnostics in the chosen format, followed (for people) by a summary.
pub fn render(diagnostics: &[Diagnostic], format: Format, color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        match format {
            Format::Human => out.push_str(&human(d, color)),
            Format::Json => {
                out.push_str(&serde_json::to_string(d).expect("diagnostics serialize"));
                out.push('\n');
            }
            Format::Github => out.push_str(&github(d)),
        }
    }
    if format == Format::Human
        && let Some(summary) = summary(diagnostics)
    {
        out.push_str(&summary);
        out.push('\n');
    }
    out
}

/// "2 errors and 1 warning" or None when there is nothing to say.
pub fn summary(diagnostics: &[Diagnostic]) -> Option<String> {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (e, 0) => Some(plural(e, "error")),
        (0, w) => Some(plural(w, "warning")),
        (e, w) => Some(format!(
            "{} and {}",
            plural(e, "error"),
            plural(w, "warning")
        )),
    }
}

fn human(d: &Diagnostic, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut out = String::new();
    let report = Report::from(d);
    handler
        .render_report(&mut out, &report)
        .expect("writing to a String cannot fail");
    out
}

fn github(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str(" — ");
        message.push_str(hint);
    }
    // GitHub's workflow commands need %, CR and LF escaped in the message.
    let message = message
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    let mut props = format!("file={}", d.file);
    if d.line > 0 {
        props.push_str(&format!(",line={}", d.line));
    }
    if d.column > 0 {
        props.push_str(&format!(",col={}", d.column));
    }
    format!("::{level} {props},title={}::{message}\n", d.code)
}

/// Adapts a [`Diagnostic`] to miette, which draws the snippet and caret.
struct Report {
    message: String,
    severity: miette::Severity,
    code: &'static str,
    hint: Option<String>,
    source: Option<NamedSource<String>>,
    label: Option<LabeledSpan>,
}

impl From<&Diagnostic> for Report {
    fn from(d: &Diagnostic) -> Self {
        let (source, label) = match (&d.source, d.line) {
            (Some(src), line) if line > 0 => {
                let span = span_of(&src.text, d.line, d.column);
                (
                    Some(NamedSource::new(d.file.clone(), src.text.clone())),
                    Some(LabeledSpan::new_with_span(None, span)),
                )
            }
            _ => (None, None),
        };
        let message = if source.is_some() {
            d.message.clone()
        } else {
            format!("{}: {}", d.location(), d.message)
        };
        Report {
            message,
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            code: d.code,
            hint: d.hint.clone(),
            source,
            label,
        }
    }
}

/// A span from the column to the end of the word or value it starts.
fn span_of(text: &str, line: usize, column: usize) -> SourceSpan {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let col_byte = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    let rest = line_text[col_byte..].trim_end();
    let len = if rest.is_empty() { 0 } else { rest.len() };
    SourceSpan::new((line_start + col_byte).into(), len)
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;
    use std::path::Path;

    #[test]
    fn github_annotations_escape_newlines_and_carry_position() {
        let d = Diagnostic::warning("generic-link-text", "Link text\n“tästä”")
            .in_file(Path::new("content/projects/a.md"))
            .at(Pos::new(3, 5));
        assert_eq!(
            github(&d),
            "::warning file=content/projects/a.md,line=3,col=5,title=generic-link-text::Link text%0A“tästä”\n"
        );
    }

    #[test]
    fn summary_counts_errors_and_warnings() {
        let e = Diagnostic::error("x", "e");
        let w = Diagnostic::warning("y", "w");
        assert_eq!(summary(&[]), None);
        assert_eq!(
            summary(&[e.clone(), e, w]).unwrap(),
            "2 errors and 1 warning"
        );
    }
}
