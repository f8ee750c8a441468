//! The one place that parses YAML (site.yaml, front matter, data files).
//!
//! serde-saphyr does the parsing: unlike the deprecated serde_yaml it gives every
//! value a source location ([`Spanned`]) and reports structural errors with the line
//! and column. This module turns its errors into plain-language [`Diagnostic`]s with
//! the position in the real file and a hint, including "did you mean" for typos.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_saphyr::Error;
pub use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Pos, SourceText};

/// Where a YAML document sits inside its file: front matter starts after the
/// opening `---` fence, so its line 1 is the file's line 2.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub yaml: &'a str,
    pub source: &'a Arc<SourceText>,
    pub line_offset: usize,
}

impl Document<'_> {
    /// The file position of a value parsed from this document.
    pub fn pos<T>(&self, value: &Spanned<T>) -> Pos {
        let loc = value.referenced;
        Pos::new(
            loc.line() as usize + self.line_offset,
            loc.column() as usize,
        )
    }

    /// Whether a spanned string was written as a plain scalar, so that character
    /// offsets within the value are also offsets within the line.
    pub fn is_plain(&self, value: &Spanned<String>) -> bool {
        let span = value.referenced.span();
        let (Some(offset), Some(len)) = (span.byte_offset(), span.byte_len()) else {
            return false;
        };
        let (offset, len) = (offset as usize, len as usize);
        self.yaml
            .get(offset..offset + len)
            .is_some_and(|raw| raw == value.value)
    }

    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let options = serde_saphyr::options! { with_snippet: false };
        serde_saphyr::from_str_with_options(self.yaml, options).map_err(|e| self.diagnose(&e))
    }

    fn diagnose(&self, error: &Error) -> Diagnostic {
        let pos = error
            .location()
            .filter(|l| l.line() > 0)
            .map(|l| Pos::new(l.line() as usize + self.line_offset, l.column() as usize))
            .unwrap_or_default();
        let (code, message, hint) = describe(error.without_snippet());
        let mut d = Diagnostic::error(code, message)
            .in_source(self.source)
            .at(pos);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        d
    }
}

fn describe(error: &Error) -> (&'static str, String, Option<String>) {
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let hint = match suggest(field, expected) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("valid keys here: {}", expected.join(", ")),
            };
            ("unknown-key", format!("unknown key `{field}`"), Some(hint))
        }
        Error::SerdeMissingField { field, .. } => (
            "missing-field",
            format!("required key `{field}` is missing"),
            Some(format!("add a line `{field}: …`")),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            "duplicate-key",
            match key {
                Some(key) => format!("the key `{key}` appears twice"),
                None => "a key appears twice".to_string(),
            },
            Some("each key may appear only once; delete or merge the repeated one".into()),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            "wrong-type",
            format!("expected {expected}, found {unexpected}"),
            None,
        ),
        other => {
            let message = strip_location(&other.to_string());
            let hint = hint_for(&message);
            ("yaml", message, hint)
        }
    }
}

fn hint_for(message: &str) -> Option<String> {
    let hint = if message.contains("expected sequence start") {
        "this key takes a list: write each item on its own line starting with `- `"
    } else if message.contains("expected string scalar") {
        "this key takes a single text value, not a list or a group of keys"
    } else if message.contains("expected mapping start") {
        "this key takes a group of `key: value` lines indented below it"
    } else if message.contains("mapping values are not allowed") {
        "a value that contains `: ` must be put in quotes, or the line is indented wrongly"
    } else if message.contains("tab") {
        "YAML does not allow tabs for indentation; use spaces"
    } else if message.contains("quote") {
        "close the quote at the end of the value"
    } else {
        return None;
    };
    Some(hint.into())
}

/// serde-saphyr appends " at line N, column M"; we show the position separately.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The closest valid name to a misspelt one, if any is close enough.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&word, c), *c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["toteutusaika", "kohderyhmät", "name"];
        assert_eq!(suggest("toteutusajka", &keys), Some("toteutusaika"));
        assert_eq!(suggest("Nmae", &keys), Some("name"));
        assert_eq!(suggest("budjetti", &keys), None);
    }

    #[test]
    fn strips_the_appended_location() {
        assert_eq!(
            strip_location("invalid u32 at line 1, column 4"),
            "invalid u32"
        );
    }
}
