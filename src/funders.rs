//! The funder registry and the programmes (data/funders.yaml, data/programmes.yaml):
//! who funds projects, how the EU's support is marked in each programme period,
//! and the logos a site supplies. The built-in registry is merged with the site's
//! own data/funders.yaml, whose entries add funders or replace them by `id`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, SourceText};
use crate::domain::{read_built_in, read_site};
use crate::yaml::{Document, Spanned};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The European Union itself.
    Eu,
    /// An EU fund: implies the EU.
    Fund,
    Other,
}

/// Text in several languages, keyed by language code.
pub type Texts = BTreeMap<String, String>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    pub name: Texts,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The wording shown with the funder's logo, e.g. "STEA:n rahoittama".
    pub statement: Option<Texts>,
    pub url: Option<String>,
    pub logo: Option<Spanned<RawLogo>>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLogo {
    /// A file under the site's static/ folder.
    pub file: String,
    /// What the logo says, per language.
    pub alt: Texts,
    /// The smallest height the funder allows, in CSS pixels.
    pub min_height: Option<u32>,
}

/// A logo ready for templates.
#[derive(Debug, Clone, Serialize)]
pub struct Logo {
    /// Path under the output root, e.g. `logos/stea.svg`.
    pub path: String,
    pub alt: Texts,
    pub height: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EuMarking {
    /// `co-funded` and `funded`, each per language.
    pub statement: BTreeMap<String, Texts>,
    /// Whether the fund's name stands beside the emblem (2014–2020) or not (2021–2027).
    pub fund_name: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FunderFile {
    #[serde(default)]
    funders: Vec<Entry>,
    eu_marking: Option<BTreeMap<String, EuMarking>>,
    retired_marks: Option<Vec<String>>,
    results_due_months: Option<u32>,
    emblem_height: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct Funders {
    pub entries: Vec<Entry>,
    /// Resolved logos by funder id.
    pub logos: BTreeMap<String, Logo>,
    pub eu_marking: BTreeMap<String, EuMarking>,
    pub retired_marks: Vec<String>,
    pub results_due_months: u32,
    pub emblem_height: u32,
    /// Each entry's id, names and aliases, [`normalised`], to its index in
    /// `entries`: every project looks up each of its funders.
    by_name: HashMap<String, usize>,
}

impl Funders {
    /// The registry entry a project's funder names: by id, name or alias,
    /// whatever the case and spacing.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.by_name
            .get(&normalised(name))
            .map(|&i| &self.entries[i])
    }

    /// Indexes the entries by name; where two share a name, the first wins.
    fn indexed(mut self) -> Self {
        self.by_name.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let names = [&e.id].into_iter().chain(e.name.values()).chain(&e.aliases);
            for name in names {
                self.by_name.entry(normalised(name)).or_insert(i);
            }
        }
        self
    }

    pub fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.id.as_str()).collect()
    }
}

/// A name's letters as compared: in lower case, each word followed by one space.
fn letters(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split_whitespace()
        .flat_map(|word| word.chars().flat_map(char::to_lowercase).chain([' ']))
}

/// A name as the index of funders keys it.
fn normalised(name: &str) -> String {
    letters(name).collect()
}

/// Whether two names are the same but for case and spacing; compares as it
/// goes, without making either.
fn same_name(a: &str, b: &str) -> bool {
    letters(a).eq(letters(b))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programmes {
    pub programmes: Vec<Programme>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The EU programme period whose marking rules apply, if an EU programme.
    pub period: Option<String>,
}

impl Programmes {
    pub fn find(&self, name: &str) -> Option<&Programme> {
        self.programmes
            .iter()
            .find(|p| same_name(&p.name, name) || p.aliases.iter().any(|a| same_name(a, name)))
    }
}

/// The built-in registry merged with the site's, with every site logo checked.
pub fn load(root: &Path) -> Result<Funders, Vec<Diagnostic>> {
    let built_in: FunderFile = read_built_in("funders.yaml").map_err(|d| vec![d])?;
    let mut funders = Funders {
        entries: built_in.funders,
        logos: BTreeMap::new(),
        eu_marking: built_in
            .eu_marking
            .expect("built-in funders.yaml has eu_marking"),
        retired_marks: built_in.retired_marks.unwrap_or_default(),
        results_due_months: built_in.results_due_months.unwrap_or(12),
        emblem_height: built_in.emblem_height.unwrap_or(48),
        by_name: HashMap::new(),
    };
    let Some(site) = read_site::<FunderFile>(root, "funders.yaml") else {
        return Ok(funders.indexed());
    };
    let (site, source) = site.map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    for entry in site.funders {
        if let Some(logo) = &entry.logo {
            match check_logo(root, &source, logo) {
                Ok(resolved) => {
                    funders.logos.insert(entry.id.clone(), resolved);
                }
                Err(d) => errors.push(d),
            }
        }
        funders.entries.retain(|e| e.id != entry.id);
        funders.entries.push(entry);
    }
    if let Some(m) = site.eu_marking {
        funders.eu_marking = m;
    }
    if let Some(r) = site.retired_marks {
        funders.retired_marks = r;
    }
    funders.results_due_months = site
        .results_due_months
        .unwrap_or(funders.results_due_months);
    funders.emblem_height = site.emblem_height.unwrap_or(funders.emblem_height);
    if errors.is_empty() {
        Ok(funders.indexed())
    } else {
        Err(errors)
    }
}

fn check_logo(
    root: &Path,
    source: &Arc<SourceText>,
    logo: &Spanned<RawLogo>,
) -> Result<Logo, Diagnostic> {
    let doc = Document {
        yaml: &source.text,
        source,
        line_offset: 0,
    };
    let error = |message: String, hint: &str| {
        Diagnostic::error("funder-logo", message)
            .in_source(source)
            .at(doc.pos(logo))
            .hint(hint)
    };
    let file = logo.value.file.trim_start_matches('/');
    let Some(path) = file.strip_prefix("static/") else {
        return Err(error(
            format!("the logo `{file}` is not in the static/ folder"),
            "put logo files in static/ (e.g. static/logos/stea.svg) and write that path",
        ));
    };
    if !root.join(file).is_file() || file.split('/').any(|p| p == "..") {
        return Err(error(
            format!("the logo file `{file}` does not exist"),
            "add the file the funder gave you, or remove `logo:`; hanke ships no funders' artwork",
        ));
    }
    Ok(Logo {
        path: path.to_string(),
        alt: logo.value.alt.clone(),
        height: logo.value.min_height.unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn funders_are_found_by_id_name_or_alias() {
        let f = load(Path::new("/nonexistent")).unwrap();
        assert_eq!(f.find("Euroopan unioni").unwrap().id, "eu");
        assert_eq!(f.find("hämeen ely-keskus").unwrap().id, "ely-hame");
        assert_eq!(f.find("ESR").unwrap().kind, Kind::Fund);
        assert_eq!(f.find("Stea").unwrap().id, "stea");
        assert!(f.find("Nuorten Akatemia ry").is_none());
        assert_eq!(f.find("  Hämeen   ELY-keskus ").unwrap().id, "ely-hame");
        assert!(f.find("Hämeen ELY").is_none());
        let statement = &f.eu_marking["2021-2027"].statement;
        assert_eq!(
            statement["co-funded"]["sv"],
            "Medfinansieras av Europeiska unionen"
        );
        assert_eq!(statement["funded"]["en"], "Funded by the European Union");
    }

    #[test]
    fn a_site_entry_replaces_the_built_in_one_of_its_id_in_every_lookup() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/funding/logos");
        let f = load(&root).unwrap();
        let stea = f.find("stea").unwrap();
        assert!(stea.logo.is_some(), "the site's entry, with its logo");
        assert!(std::ptr::eq(f.find("STEA").unwrap(), stea));
        // The built-in entry's Swedish name is not the site's.
        assert!(
            f.find("Social- och hälsoorganisationernas understödscentral STEA")
                .is_none()
        );
        assert_eq!(f.find("ESR").unwrap().kind, Kind::Fund);
    }
}
