//! Ways to find projects: by region, topic, funder, programme, status and
//! administrator. Each taxonomy has an index of its terms and a page per term,
//! in every language of the site.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::content::model::{Project, Status};
use crate::content::slug::slugify;

pub use crate::content::urls::TAXONOMIES as KEYS;

pub struct Taxonomy<'a> {
    pub key: &'static str,
    pub terms: Vec<Term<'a>>,
}

pub struct Term<'a> {
    /// As the content writes it; for `status`, its code (`ongoing`).
    pub name: String,
    pub slug: String,
    pub projects: Vec<&'a Project>,
}

/// Groups `projects` (already in the order listings use) by every taxonomy.
pub fn build<'a>(projects: &[&'a Project]) -> Vec<Taxonomy<'a>> {
    KEYS.par_iter()
        .map(|&key| {
            // Terms by slug; each name is slugified once, though thousands of
            // projects share it.
            let mut terms: BTreeMap<String, Term<'a>> = BTreeMap::new();
            let mut slugs: HashMap<&str, String> = HashMap::new();
            for &p in projects {
                for name in terms_of(key, p) {
                    let slug = slugs.entry(name).or_insert_with(|| match slugify(name) {
                        s if s.is_empty() => "muu".to_string(),
                        s => s,
                    });
                    match terms.get_mut(slug.as_str()) {
                        Some(term) => term.projects.push(p),
                        None => {
                            let term = Term {
                                name: name.to_string(),
                                slug: slug.clone(),
                                projects: vec![p],
                            };
                            terms.insert(slug.clone(), term);
                        }
                    }
                }
            }
            let mut terms: Vec<Term> = terms.into_values().collect();
            if key == "status" {
                terms.sort_by_key(|t| Status::ALL.iter().position(|s| s.code() == t.name));
            }
            Taxonomy { key, terms }
        })
        .collect()
}

/// Every project of a listing once, in listing order: each has exactly one status.
pub fn everyone<'a, 'b>(taxonomies: &'b [Taxonomy<'a>]) -> impl Iterator<Item = &'a Project> + 'b {
    taxonomies
        .iter()
        .filter(|t| t.key == "status")
        .flat_map(|t| &t.terms)
        .flat_map(|term| term.projects.iter().copied())
}

fn terms_of<'p>(key: &str, p: &'p Project) -> Vec<&'p str> {
    let funding = p.funding.as_ref();
    match key {
        "regions" => p.region.as_deref().into_iter().collect(),
        "topics" => p.topics.iter().map(String::as_str).collect(),
        "funders" => funding
            .map(|f| f.funders.iter().map(|x| x.name.as_str()).collect())
            .unwrap_or_default(),
        "programmes" => funding
            .and_then(|f| f.programme.as_deref())
            .into_iter()
            .collect(),
        "status" => vec![p.status.code()],
        "administrators" => p.administrator.as_deref().into_iter().collect(),
        _ => Vec::new(),
    }
}
