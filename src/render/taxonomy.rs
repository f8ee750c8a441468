//! Ways to find projects: by region, topic, funder, programme, status and
//! administrator. Each taxonomy has an index of its terms and a page per term,
//! in every language of the site.

use std::collections::BTreeMap;

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
    KEYS.iter()
        .map(|&key| {
            let mut terms: BTreeMap<String, Term<'a>> = BTreeMap::new();
            for &p in projects {
                for name in terms_of(key, p) {
                    let slug = match slugify(&name) {
                        s if s.is_empty() => "muu".to_string(),
                        s => s,
                    };
                    terms
                        .entry(slug.clone())
                        .or_insert_with(|| Term {
                            name: name.clone(),
                            slug,
                            projects: Vec::new(),
                        })
                        .projects
                        .push(p);
                }
            }
            let mut terms: Vec<Term> = terms.into_values().collect();
            if key == "status" {
                terms.sort_by_key(|t| {
                    ["ongoing", "upcoming", "ended"]
                        .iter()
                        .position(|s| *s == t.name)
                });
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

fn terms_of(key: &str, p: &Project) -> Vec<String> {
    let funding = p.funding.as_ref();
    match key {
        "regions" => p.region.iter().cloned().collect(),
        "topics" => p.topics.clone(),
        "funders" => funding
            .map(|f| f.funders.iter().map(|x| x.name.clone()).collect())
            .unwrap_or_default(),
        "programmes" => funding
            .and_then(|f| f.programme.clone())
            .into_iter()
            .collect(),
        "status" => vec![
            match p.status {
                Status::Ongoing => "ongoing",
                Status::Upcoming => "upcoming",
                Status::Ended => "ended",
            }
            .to_string(),
        ],
        "administrators" => p.administrator.iter().cloned().collect(),
        _ => Vec::new(),
    }
}
