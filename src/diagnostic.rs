//! Diagnostics: what hanke tells a person (or CI) about their content.
//!
//! Every problem carries the file, line and column it was found at, a message that
//! says what is wrong in plain language, and a hint that says how to fix it. Stages
//! collect diagnostics instead of stopping at the first one; the caller decides the
//! exit code once everything has been checked.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A file's text, shared by every diagnostic that points into it.
#[derive(Debug)]
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, machine-readable kind, e.g. `invalid-date`.
    pub code: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters; 0 when unknown.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip)]
    pub source: Option<Arc<SourceText>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            file: String::new(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            source: None,
        }
    }

    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = display_path(file);
        self
    }

    /// Names `file` (relative to `root`) and, if it can still be read, shows
    /// its text around the position: for problems found after the build has
    /// freed its sources.
    pub fn in_file_on_disk(self, root: &Path, file: &Path) -> Self {
        match std::fs::read_to_string(root.join(file)) {
            Ok(text) => self.in_source(&Arc::new(SourceText {
                path: file.to_path_buf(),
                text,
            })),
            Err(_) => self.in_file(file),
        }
    }

    pub fn in_source(mut self, source: &Arc<SourceText>) -> Self {
        self.file = display_path(&source.path);
        self.source = Some(Arc::clone(source));
        self
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.line = pos.line;
        self.column = pos.column;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, as editors and CI annotations expect.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{l}", self.file),
            (l, c) => format!("{}:{l}:{c}", self.file),
        }
    }

    /// The source line the diagnostic points at, if its text is known.
    pub fn source_line(&self) -> Option<&str> {
        let source = self.source.as_ref()?;
        self.line
            .checked_sub(1)
            .and_then(|i| source.text.lines().nth(i))
    }
}

/// A 1-based line and column (in characters) within a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    /// The position of a byte offset within `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Pos { line, column }
    }
}

/// Paths in messages use `/` on every platform so output is the same everywhere.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl fmt::Display for Diagnostic {
    /// The plain one-line form: `error[code]: file:line:col: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}[{}]: {}: {}",
            self.code,
            self.location(),
            self.message
        )
    }
}

/// Sorts diagnostics by file and position so output is stable whatever order
/// parallel stages found them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "ab\nää x\n";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 3), Pos::new(2, 1));
        // "ää " is 5 bytes but 3 characters.
        assert_eq!(Pos::of_offset(text, 8), Pos::new(2, 4));
    }

    #[test]
    fn one_line_form_names_file_line_and_column() {
        let d = Diagnostic::error("invalid-date", "bad")
            .in_file(Path::new("content/projects/a.md"))
            .at(Pos::new(4, 8));
        assert_eq!(
            d.to_string(),
            "error[invalid-date]: content/projects/a.md:4:8: bad"
        );
    }
}
