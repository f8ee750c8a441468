//! Domain data: facts about funders and authorities that change over time, kept
//! as YAML files in `data/` (built into hanke) rather than in code. A site may
//! replace any file by putting one of the same name in its own `data/` folder.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, SourceText};
use crate::yaml::Document;

static BUILT_IN: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/data");
pub const DATA_DIR: &str = "data";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authorities {
    pub accessibility_supervisors: Vec<Authority>,
    #[serde(default)]
    pub former_accessibility_supervisors: Vec<FormerAuthority>,
}

/// An authority's contact details, per language, in force from a date.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Authority {
    pub id: String,
    pub valid_from: Date,
    #[serde(flatten)]
    pub languages: BTreeMap<String, AuthorityText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityText {
    pub name: String,
    pub unit: Option<String>,
    pub website: String,
    pub email: String,
    pub phone_label: String,
    pub phone: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerAuthority {
    pub until: Date,
    pub names: Vec<String>,
}

impl Authorities {
    /// The supervisor in force on `today`: the latest whose `valid_from` has come.
    pub fn supervisor(&self, today: Date) -> Option<&Authority> {
        self.accessibility_supervisors
            .iter()
            .filter(|a| a.valid_from <= today)
            .max_by_key(|a| a.valid_from)
    }

    /// The former supervisor's name that `text` mentions, if any.
    pub fn former_named_in(&self, text: &str) -> Option<&str> {
        let lower = text.to_lowercase();
        self.former_accessibility_supervisors
            .iter()
            .flat_map(|f| &f.names)
            .find(|name| lower.contains(&name.to_lowercase()))
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Languages {
    pub codes: Vec<String>,
    pub rtl: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lint {
    /// Per language; all are checked, since pages quote other languages.
    pub generic_link_texts: BTreeMap<String, Vec<String>>,
    pub document_extensions: Vec<String>,
}

impl Lint {
    /// Whether a link text says nothing on its own ("tästä", "read more").
    pub fn is_generic(&self, text: &str) -> bool {
        let t = text
            .trim()
            .trim_matches(|c: char| c.is_ascii_punctuation() || c == '…')
            .trim()
            .to_lowercase();
        self.generic_link_texts.values().flatten().any(|g| *g == t)
    }
}

impl Lint {
    /// The language a document's file name declares (`opas-ar.pdf`, `guide_en.docx`,
    /// `opas.sv.pdf`), if the target is a document and its name ends in a known code.
    pub fn document_language<'a>(&self, target: &str, languages: &'a Languages) -> Option<&'a str> {
        let path = target.split(['#', '?']).next()?;
        let file = path.rsplit('/').next()?;
        let (stem, ext) = file.rsplit_once('.')?;
        if !self
            .document_extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext))
        {
            return None;
        }
        let suffix = stem.rsplit(['-', '_', '.']).next()?.to_lowercase();
        if suffix == stem.to_lowercase() {
            return None;
        }
        languages
            .codes
            .iter()
            .find(|c| **c == suffix)
            .map(String::as_str)
    }
}

pub use crate::funders::{Funders, Programmes};

/// Every data file, read once per build.
#[derive(Debug, Clone)]
pub struct Domain {
    pub authorities: Authorities,
    pub languages: Languages,
    pub lint: Lint,
    pub funders: Funders,
    pub programmes: Programmes,
}

pub fn load(root: &Path) -> Result<Domain, Vec<Diagnostic>> {
    let authorities = read(root, "authorities.yaml");
    let languages = read(root, "languages.yaml");
    let lint = read(root, "lint.yaml");
    let funders = crate::funders::load(root);
    let programmes = read(root, "programmes.yaml");
    match (authorities, languages, lint, funders, programmes) {
        (Ok(authorities), Ok(languages), Ok(lint), Ok(funders), Ok(programmes)) => Ok(Domain {
            authorities,
            languages,
            lint,
            funders,
            programmes,
        }),
        (a, l, g, f, p) => {
            let mut errors: Vec<Diagnostic> = [a.err(), l.err(), g.err(), p.err()]
                .into_iter()
                .flatten()
                .collect();
            errors.extend(f.err().unwrap_or_default());
            Err(errors)
        }
    }
}

/// Reads `data/NAME` from the site if it has one, else the built-in copy.
fn read<T: DeserializeOwned>(root: &Path, name: &str) -> Result<T, Diagnostic> {
    match read_site(root, name) {
        Some(result) => result.map(|(value, _)| value),
        None => read_built_in(name),
    }
}

/// The built-in `data/NAME`.
pub(crate) fn read_built_in<T: DeserializeOwned>(name: &str) -> Result<T, Diagnostic> {
    let text = BUILT_IN
        .get_file(name)
        .and_then(|f| f.contents_utf8())
        .expect("built-in data files are UTF-8 and present");
    parse(Path::new(DATA_DIR).join(name), text.to_string()).map(|(value, _)| value)
}

/// The site's own `data/NAME`, if it has one, with its text for later diagnostics.
pub(crate) fn read_site<T: DeserializeOwned>(
    root: &Path,
    name: &str,
) -> Option<Result<(T, Arc<SourceText>), Diagnostic>> {
    let rel = Path::new(DATA_DIR).join(name);
    let text = std::fs::read_to_string(root.join(&rel)).ok()?;
    Some(parse(rel, text))
}

fn parse<T: DeserializeOwned>(
    path: std::path::PathBuf,
    text: String,
) -> Result<(T, Arc<SourceText>), Diagnostic> {
    let source = Arc::new(SourceText { path, text });
    let value = Document {
        yaml: &source.text,
        source: &source,
        line_offset: 0,
    }
    .parse()?;
    Ok((value, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traficom_supervises_from_2025_and_avi_is_recognised() {
        let domain = load(Path::new("/nonexistent")).unwrap();
        let a = &domain.authorities;
        let now = a.supervisor("2026-11-23".parse().unwrap()).unwrap();
        assert_eq!(now.id, "traficom");
        assert_eq!(
            now.languages["sv"].website,
            "https://www.tillganglighetskrav.fi"
        );
        assert!(a.supervisor("2024-06-01".parse().unwrap()).is_none());
        assert_eq!(
            a.former_named_in("Valvova viranomainen: Etelä-Suomen aluehallintovirasto"),
            Some("Etelä-Suomen aluehallintovirasto")
        );
        assert_eq!(a.former_named_in("Traficom"), None);
    }

    #[test]
    fn generic_link_texts_in_any_language() {
        let lint = load(Path::new("/nonexistent")).unwrap().lint;
        assert!(lint.is_generic("Tästä"));
        assert!(lint.is_generic(" lue lisää… "));
        assert!(lint.is_generic("Read more."));
        assert!(!lint.is_generic("Lue TUKENA-hankkeen loppuraportti"));
    }

    #[test]
    fn document_language_from_file_name() {
        let domain = load(Path::new("/nonexistent")).unwrap();
        let lang = |t| domain.lint.document_language(t, &domain.languages);
        assert_eq!(lang("opas-ar.pdf"), Some("ar"));
        assert_eq!(lang("liitteet/guide_EN.docx#s2"), Some("en"));
        assert_eq!(lang("opas.sv.pdf"), Some("sv"));
        assert_eq!(lang("raportti.pdf"), None);
        assert_eq!(lang("kuva-ar.png"), None);
        assert_eq!(lang("ar.pdf"), None);
    }
}
