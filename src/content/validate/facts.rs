//! The site as the last validation linked it, kept by `serve` for an edit that
//! changes no fact other pages read of a project: its name, address, status,
//! dates, language and contact cards. After such an edit (a summary, a goal,
//! a budget), the site is the last one with the edited projects put in, each
//! linked as it was: no good practice or news item is looked at, and no list
//! of versions, news, good practices or people is made again.

use foldhash::HashSet;
use std::sync::Arc;

use super::{Found, Models};
use crate::content::load::{Kind, Page};
use crate::content::model::{Project, Site};
use crate::content::people::same_card;
use crate::diagnostic::SourceText;

pub(super) struct Linked {
    pub models: Models,
    /// What the checks of the good practices and news items found.
    pub found: Found,
    /// Each page's text, in the address book's order, as validated: a page
    /// `serve` changed since (a body edit) is not the one linked.
    sources: Vec<Arc<SourceText>>,
    /// The addresses of the projects' and translations' models.
    addresses: HashSet<usize>,
}

impl Linked {
    /// `site`, validated from pages of the texts `sources` (in the address
    /// book's order), whose good practices and news items found `found`.
    pub fn of(site: &Site, sources: Vec<Arc<SourceText>>, found: Found) -> Self {
        let addresses = (site.projects.iter().chain(&site.translations))
            .map(|p| Arc::as_ptr(p) as usize)
            .collect();
        Linked {
            models: Models {
                projects: site.projects.clone(),
                translations: site.translations.clone(),
                good_practices: site.good_practices.clone(),
                news: site.news.clone(),
                people: Arc::clone(&site.people),
            },
            found,
            sources,
            addresses,
        }
    }

    /// This site with `projects` and `translations` (as checked from `pages`
    /// now, in their pages' order) put in, if only projects' pages changed and
    /// every model checked again has the facts of the one it replaces. A model
    /// not checked again is the very one this site has.
    pub fn put_in(
        mut self,
        pages: &[&Page],
        projects: &[Arc<Project>],
        translations: &[Arc<Project>],
    ) -> Option<Self> {
        let only_projects = pages.len() == self.sources.len()
            && pages.iter().zip(&self.sources).all(|(page, was)| {
                Arc::ptr_eq(&page.source, was)
                    || (page.kind == Kind::Project && page.source.path == was.path)
            });
        let linked = &mut self.models;
        let as_many = projects.len() == linked.projects.len()
            && translations.len() == linked.translations.len();
        if !(only_projects && as_many) {
            return None;
        }
        relink(&mut linked.projects, projects, &self.addresses)?;
        relink(&mut linked.translations, translations, &self.addresses)?;
        Some(self)
    }
}

/// Puts in `linked` each model of `checked` that is not one of `addresses`
/// (it was checked again) in place of the one from its file, linked as that
/// was; None if one has no such model or not the same facts.
fn relink(
    linked: &mut [Arc<Project>],
    checked: &[Arc<Project>],
    addresses: &HashSet<usize>,
) -> Option<()> {
    let checked_again = checked
        .iter()
        .filter(|p| !addresses.contains(&(Arc::as_ptr(p) as usize)));
    for now in checked_again {
        let was = linked.iter_mut().find(|was| was.source == now.source)?;
        if !same_facts(was, now) {
            return None;
        }
        let mut relinked = Arc::clone(now);
        let model = Arc::make_mut(&mut relinked);
        model.versions = was.versions.clone();
        model.news = was.news.clone();
        model.good_practices = was.good_practices.clone();
        model.contacts = was.contacts.clone();
        *was = relinked;
    }
    Some(())
}

/// Whether `now` has every fact of `was` that other pages read: its
/// versions' addresses, the news and good practices that name it, its place
/// in the listings' order and its people's cards follow from these.
fn same_facts(was: &Project, now: &Project) -> bool {
    was.slug == now.slug
        && was.lang == now.lang
        && was.url == now.url
        && was.name == now.name
        && was.status == now.status
        && was.duration == now.duration
        && was.contacts.len() == now.contacts.len()
        && (now.contacts.iter().zip(&was.contacts)).all(|(c, w)| same_card(c, w))
}

#[cfg(test)]
mod tests {
    use super::super::example;
    use super::*;

    /// `site` as linked, validated from `pages`.
    fn linked(site: &Site, pages: &[&Page]) -> Linked {
        let sources = pages.iter().map(|p| Arc::clone(&p.source)).collect();
        Linked::of(site, sources, Found::default())
    }

    /// `site`'s project `slug` as checked again with `change` made.
    fn checked_again(site: &Site, slug: &str, change: fn(&mut Project)) -> Vec<Arc<Project>> {
        let mut projects = site.projects.clone();
        let project = projects.iter_mut().find(|p| p.slug == slug).unwrap();
        let mut again = (**project).clone();
        again.versions.clear();
        again.news.clear();
        again.contacts.iter_mut().for_each(|c| c.vcard = None);
        change(&mut again);
        *project = Arc::new(again);
        projects
    }

    #[test]
    fn a_project_checked_again_with_the_same_facts_is_put_in_linked_as_it_was() {
        let (loaded, site) = example();
        let pages: Vec<&Page> = loaded.pages.iter().collect();
        let linked = || linked(&site, &pages);
        let was = site.projects.iter().find(|p| p.slug == "sointu").unwrap();
        assert!(was.versions.len() > 1 && was.contacts.iter().all(|c| c.vcard.is_some()));

        let projects = checked_again(&site, "sointu", |p| p.summary = Some("Uusi.".into()));
        let put_in = linked().put_in(&pages, &projects, &site.translations);
        let models = put_in.expect("the same facts").models;
        let now = models.projects.iter().find(|p| p.slug == "sointu").unwrap();
        assert_eq!(now.summary.as_deref(), Some("Uusi."));
        assert_eq!(
            (&now.versions, &now.contacts),
            (&was.versions, &was.contacts)
        );
        assert_eq!(now.news, was.news);
        let others = |models: &[Arc<Project>]| {
            models
                .iter()
                .filter(|p| p.slug != "sointu")
                .map(Arc::as_ptr)
                .collect::<Vec<_>>()
        };
        assert_eq!(others(&models.projects), others(&site.projects));
    }

    #[test]
    fn a_fact_other_pages_read_changed_or_a_page_not_a_projects_takes_linking_anew() {
        let (loaded, site) = example();
        let pages: Vec<&Page> = loaded.pages.iter().collect();
        let linked = || linked(&site, &pages);
        let changes: [fn(&mut Project); 3] = [
            |p| p.name = "Uusi Sointu".into(),
            |p| p.duration.end = None,
            |p| p.contacts[0].title = Some("Uusi titteli".into()),
        ];
        for change in changes {
            let projects = checked_again(&site, "sointu", change);
            assert!(
                linked()
                    .put_in(&pages, &projects, &site.translations)
                    .is_none()
            );
        }
        // A news item's page read again: its text is not the one linked.
        let mut reread: Vec<Page> = loaded.pages.clone();
        let news = reread
            .iter_mut()
            .find(|p| matches!(p.kind, Kind::News { .. }))
            .unwrap();
        news.source = Arc::new(SourceText {
            path: news.source.path.clone(),
            text: news.source.text.clone(),
        });
        let pages_now: Vec<&Page> = reread.iter().collect();
        let put_in = linked().put_in(&pages_now, &site.projects, &site.translations);
        assert!(put_in.is_none());
        // A project missing (its page has errors now).
        let fewer = &site.projects[1..];
        assert!(linked().put_in(&pages, fewer, &site.translations).is_none());
    }
}
