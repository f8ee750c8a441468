//! Ways to find projects: by region, topic, funder, programme, status and
//! administrator. Each taxonomy has an index of its terms and a page per term,
//! in every language of the site.

use std::collections::HashMap;

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

/// Which projects each term of every taxonomy has, by their places in the
/// list that was grouped. It borrows no project, so `serve` keeps it: a list
/// whose every project has the terms the one in its place had (see
/// [`same_terms`]) is grouped the same.
pub struct Grouping(Vec<(&'static str, Vec<Placed>)>);

/// A term, and the places of its projects in the list grouped.
struct Placed {
    name: String,
    slug: String,
    at: Vec<u32>,
}

/// Groups `projects` (already in the order listings use) by every taxonomy.
pub fn group(projects: &[&Project]) -> Grouping {
    let taxonomies = KEYS.par_iter().map(|&key| {
        let mut terms: Vec<Placed> = Vec::new();
        // Each term by the names that slugify to it, and by its slug: a
        // name is slugified once, though thousands of projects share it.
        let mut by_name: foldhash::HashMap<&str, usize> = HashMap::default();
        let mut by_slug: foldhash::HashMap<String, usize> = HashMap::default();
        let mut names = Vec::new();
        for (at, &p) in (0u32..).zip(projects) {
            names.clear();
            terms_of(key, p, &mut names);
            for &name in &names {
                let term = *by_name.entry(name).or_insert_with(|| {
                    let slug = match slugify(name) {
                        s if s.is_empty() => "muu".to_string(),
                        s => s,
                    };
                    *by_slug.entry(slug.clone()).or_insert_with(|| {
                        terms.push(Placed {
                            name: name.to_string(),
                            slug,
                            at: Vec::new(),
                        });
                        terms.len() - 1
                    })
                });
                terms[term].at.push(at);
            }
        }
        // Slugs are unique.
        terms.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
        if key == "status" {
            terms.sort_by_key(|t| Status::ALL.iter().position(|s| s.code() == t.name));
        }
        (key, terms)
    });
    Grouping(taxonomies.collect())
}

impl Grouping {
    /// The taxonomies of `projects`, a list grouped as this one was.
    pub fn taxonomies<'a>(&self, projects: &[&'a Project]) -> Vec<Taxonomy<'a>> {
        let term = |t: &Placed| Term {
            name: t.name.clone(),
            slug: t.slug.clone(),
            projects: t.at.iter().map(|&at| projects[at as usize]).collect(),
        };
        (self.0.iter())
            .map(|(key, terms)| Taxonomy {
                key,
                terms: terms.iter().map(term).collect(),
            })
            .collect()
    }
}

/// Whether `a` and `b` have the same terms, in the same order, in every taxonomy.
pub fn same_terms(a: &Project, b: &Project) -> bool {
    let terms = |p, key| {
        let mut names = Vec::new();
        terms_of(key, p, &mut names);
        names
    };
    std::ptr::eq(a, b) || KEYS.iter().all(|key| terms(a, key) == terms(b, key))
}

/// Every project of a listing once, in listing order: each has exactly one status.
pub fn everyone<'a, 'b>(taxonomies: &'b [Taxonomy<'a>]) -> impl Iterator<Item = &'a Project> + 'b {
    taxonomies
        .iter()
        .filter(|t| t.key == "status")
        .flat_map(|t| &t.terms)
        .flat_map(|term| term.projects.iter().copied())
}

/// Whether `p` has no term in the taxonomy `key`.
pub fn in_no_term(key: &str, p: &Project) -> bool {
    let mut names = Vec::new();
    terms_of(key, p, &mut names);
    names.is_empty()
}

/// Adds to `names` the terms `p` has in the taxonomy `key`.
fn terms_of<'p>(key: &str, p: &'p Project, names: &mut Vec<&'p str>) {
    let funding = p.funding.as_ref();
    match key {
        "regions" => names.extend(p.region.as_deref()),
        "topics" => names.extend(p.topics.iter().map(String::as_str)),
        "funders" => names.extend(
            funding
                .into_iter()
                .flat_map(|f| &f.funders)
                .map(|x| x.name.as_str()),
        ),
        "programmes" => names.extend(funding.and_then(|f| f.programme.as_deref())),
        "status" => names.push(p.status.code()),
        "administrators" => names.extend(p.administrator.as_deref()),
        _ => {}
    }
}
