//! The people behind the contact cards, gathered across projects so that one
//! person working on several projects is one entry (and one vCard), not several.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;

use super::model::{Contact, GoodPractice, Project, ProjectRef, Site, Status};
use super::slug::slugify;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub slug: String,
    /// Root-relative URL of the person's vCard.
    pub vcard: String,
    pub contact: Contact,
    /// The projects the person is a contact for, in the site's order.
    pub projects: Vec<ProjectRef>,
}

/// The people of one validation and the models whose cards they were gathered
/// from, in the site's order: kept by `serve`, so that an edit that changed no
/// card, and no name, address or status of a project with cards, gathers no one.
pub struct Gathered {
    projects: Vec<Arc<Project>>,
    translations: Vec<Arc<Project>>,
    good_practices: Vec<Arc<GoodPractice>>,
    base_path: String,
    people: Arc<[Person]>,
}

impl Gathered {
    /// What `site`'s people were gathered from.
    pub fn of(site: &Site) -> Self {
        Gathered {
            projects: site.projects.clone(),
            translations: site.translations.clone(),
            good_practices: site.good_practices.clone(),
            base_path: site.config.base_path.clone(),
            people: Arc::clone(&site.people),
        }
    }

    /// Whether these models hold the cards these people were gathered from,
    /// in the same order.
    fn holds(
        &self,
        projects: &[Arc<Project>],
        translations: &[Arc<Project>],
        good_practices: &[Arc<GoodPractice>],
        base_path: &str,
    ) -> bool {
        self.base_path == base_path
            && same_cards(projects, &self.projects, owner, |p| &p.contacts)
            && same_cards(translations, &self.translations, owner, |p| &p.contacts)
            && same_cards(good_practices, &self.good_practices, gp_owner, |g| {
                &g.contacts
            })
    }

    /// Gives each card of the models it holds the vCard it had.
    fn link(
        &self,
        projects: &mut [Arc<Project>],
        translations: &mut [Arc<Project>],
        good_practices: &mut [Arc<GoodPractice>],
    ) {
        let pairs = (projects.iter_mut().zip(&self.projects))
            .chain(translations.iter_mut().zip(&self.translations));
        for (p, was) in pairs {
            let mut vcards = was.contacts.iter().map(|c| c.vcard.clone());
            link_cards(p, |p| &p.contacts, |p| &mut p.contacts, &mut vcards);
        }
        for (g, was) in good_practices.iter_mut().zip(&self.good_practices) {
            let mut vcards = was.contacts.iter().map(|c| c.vcard.clone());
            link_cards(g, |g| &g.contacts, |g| &mut g.contacts, &mut vcards);
        }
    }
}

/// Everyone on a contact card, each once; fills in every card's vCard URL.
/// A translation's card is the person of the same identity in the default
/// language, if there is one: it adds neither facts nor projects to them.
/// With `last`, takes its people if every card they were gathered from is as
/// it was.
pub fn collect(
    projects: &mut [Arc<Project>],
    translations: &mut [Arc<Project>],
    good_practices: &mut [Arc<GoodPractice>],
    base_path: &str,
    last: Option<&Gathered>,
) -> Arc<[Person]> {
    if let Some(last) =
        last.filter(|last| last.holds(projects, translations, good_practices, base_path))
    {
        last.link(projects, translations, good_practices);
        return Arc::clone(&last.people);
    }
    // Every card with its project's name, address and status, and whether
    // it is a translation's.
    let total = (projects.iter().chain(translations.iter()))
        .map(|p| p.contacts.len())
        .chain(good_practices.iter().map(|g| g.contacts.len()))
        .sum();
    let mut cards: Vec<(&Contact, (&str, &str, Status), bool)> = Vec::with_capacity(total);
    for p in projects.iter() {
        cards.extend(p.contacts.iter().map(|c| (c, owner(p), false)));
    }
    for gp in good_practices.iter() {
        cards.extend(gp.contacts.iter().map(|c| (c, gp_owner(gp), false)));
    }
    for p in translations.iter() {
        cards.extend(p.contacts.iter().map(|c| (c, owner(p), true)));
    }
    // Who each card is, and the name part of a new person's vCard file, for
    // tens of thousands of cards at once; the merging below is in order.
    let keys: Vec<(String, String)> = cards
        .par_iter()
        .map(|(contact, ..)| (identity(contact), slugify(&contact.name)))
        .collect();
    let mut people: Vec<Person> = Vec::with_capacity(total);
    let mut by_key: foldhash::HashMap<String, usize> =
        HashMap::with_capacity_and_hasher(total, Default::default());
    let mut slugs: foldhash::HashSet<String> =
        HashSet::with_capacity_and_hasher(total, Default::default());
    let mut whose = Vec::with_capacity(cards.len());
    for ((contact, (name, url, status), translated), (key, base)) in cards.into_iter().zip(keys) {
        let (index, known) = match by_key.entry(key) {
            Entry::Occupied(known) => (*known.get(), true),
            Entry::Vacant(new) => {
                let base = if base.is_empty() {
                    "yhteystieto".to_string()
                } else {
                    base
                };
                let mut slug = base.clone();
                let mut n = 1;
                while slugs.contains(&slug) {
                    n += 1;
                    slug = format!("{base}-{n}");
                }
                slugs.insert(slug.clone());
                people.push(Person {
                    vcard: format!("{base_path}{}", super::urls::vcard(&slug)),
                    slug,
                    contact: contact.clone(),
                    projects: Vec::new(),
                });
                (*new.insert(people.len() - 1), false)
            }
        };
        whose.push(index);
        if translated && known {
            continue;
        }
        let person = &mut people[index];
        merge(&mut person.contact, contact);
        if !person.projects.iter().any(|p| p.url == url) {
            let (name, url) = (name.to_string(), url.to_string());
            person.projects.push(ProjectRef { name, url, status });
        }
    }
    // Each card's vCard, in the order the cards were gathered.
    let mut vcards = whose.into_iter().map(|i| Some(people[i].vcard.clone()));
    for p in projects.iter_mut() {
        link_cards(p, |p| &p.contacts, |p| &mut p.contacts, &mut vcards);
    }
    for gp in good_practices.iter_mut() {
        link_cards(gp, |g| &g.contacts, |g| &mut g.contacts, &mut vcards);
    }
    for p in translations.iter_mut() {
        link_cards(p, |p| &p.contacts, |p| &mut p.contacts, &mut vcards);
    }
    for person in &mut people {
        person.contact.vcard = Some(person.vcard.clone());
    }
    // Slugs are unique: no two people compare equal.
    people.sort_unstable_by(|a, b| {
        a.contact
            .name
            .cmp(&b.contact.name)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    people.into()
}

/// Whether `models` hold the cards `last` held, with the same owners (`owner`),
/// in the same order; the vCard each was given does not count. A model both
/// share is the same without looking inside.
fn same_cards<T>(
    models: &[Arc<T>],
    last: &[Arc<T>],
    owner: fn(&T) -> (&str, &str, Status),
    contacts: fn(&T) -> &Vec<Contact>,
) -> bool {
    models.len() == last.len()
        && models.iter().zip(last).all(|(m, was)| {
            Arc::ptr_eq(m, was)
                || (owner(m) == owner(was)
                    && contacts(m).len() == contacts(was).len()
                    && (contacts(m).iter().zip(contacts(was))).all(|(c, w)| same_card(c, w)))
        })
}

/// Whether the card `c` is `was`, but for the vCard each was given.
pub fn same_card(c: &Contact, was: &Contact) -> bool {
    let c = Contact {
        vcard: was.vcard.clone(),
        ..c.clone()
    };
    c == *was
}

/// Gives the cards of `model` (read by `get`, written by `get_mut`) the next
/// vCards of `vcards`; copies a model shared with the checks `serve` keeps
/// only if one of them changed.
fn link_cards<T: Clone>(
    model: &mut Arc<T>,
    get: fn(&T) -> &Vec<Contact>,
    get_mut: fn(&mut T) -> &mut Vec<Contact>,
    vcards: &mut impl Iterator<Item = Option<String>>,
) {
    let wanted: Vec<Option<String>> = vcards.take(get(model).len()).collect();
    if get(model).iter().zip(&wanted).any(|(c, v)| c.vcard != *v) {
        for (contact, vcard) in get_mut(Arc::make_mut(model)).iter_mut().zip(wanted) {
            contact.vcard = vcard;
        }
    }
}

/// A project as its people's cards name it: its name, address and status.
fn owner(p: &Project) -> (&str, &str, Status) {
    (&p.name, &p.url, p.status)
}

/// A good practice's cards name its project.
fn gp_owner(g: &GoodPractice) -> (&str, &str, Status) {
    let r = &g.project;
    (&r.name, &r.url, r.status)
}

/// The same person: the same email address, else the same name and phone.
fn identity(c: &Contact) -> String {
    match (&c.email, c.phones.first()) {
        (Some(email), _) => email.to_lowercase(),
        (None, Some(phone)) => format!("{}|{}", c.name, phone.e164),
        (None, None) => c.name.clone(),
    }
}

/// Facts one card has and another lacks complete the person.
fn merge(into: &mut Contact, from: &Contact) {
    into.title = into.title.take().or_else(|| from.title.clone());
    into.organisation = into
        .organisation
        .take()
        .or_else(|| from.organisation.clone());
    into.unit = into.unit.take().or_else(|| from.unit.clone());
    for phone in &from.phones {
        if !into.phones.contains(phone) {
            into.phones.push(phone.clone());
        }
    }
    into.photo = into.photo.take().or_else(|| from.photo.clone());
    for lang in &from.languages {
        if !into.languages.contains(lang) {
            into.languages.push(lang.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model with cards: its owner and its contacts.
    struct Owned((String, String, Status), Vec<Contact>);

    fn owner(m: &Owned) -> (&str, &str, Status) {
        (&m.0.0, &m.0.1, m.0.2)
    }

    fn model(project: &str, people: &[(&str, Option<&str>)]) -> Arc<Owned> {
        let contacts = people
            .iter()
            .map(|&(name, vcard)| Contact {
                name: name.into(),
                title: Some("Projektipäällikkö".into()),
                organisation: None,
                unit: None,
                phones: Vec::new(),
                email: None,
                photo: None,
                languages: Vec::new(),
                vcard: vcard.map(String::from),
            })
            .collect();
        let url = format!("/projects/{project}/");
        Arc::new(Owned((project.into(), url, Status::Ongoing), contacts))
    }

    fn same(models: &[Arc<Owned>], last: &[Arc<Owned>]) -> bool {
        same_cards(models, last, owner, |m| &m.1)
    }

    #[test]
    fn the_same_cards_in_the_same_order_are_the_same_whatever_their_vcards() {
        let last = [model("aito", &[("Anna", Some("/contacts/anna.vcf"))])];
        assert!(same(&last, &last));
        // A model checked again has no vCards yet.
        assert!(same(&[model("aito", &[("Anna", None)])], &last));
    }

    #[test]
    fn a_changed_card_owner_order_or_count_is_not_the_same() {
        let two = [model("aito", &[("Anna", None), ("Emma", None)])];
        let mut retitled = model("aito", &[("Anna", None), ("Emma", None)]);
        Arc::get_mut(&mut retitled).unwrap().1[1].title = None;
        let others = [
            vec![retitled],
            vec![model("sointu", &[("Anna", None), ("Emma", None)])],
            vec![model("aito", &[("Emma", None), ("Anna", None)])],
            vec![model("aito", &[("Anna", None)])],
            vec![two[0].clone(), model("sointu", &[])],
        ];
        for models in others {
            assert!(!same(&models, &two));
        }
    }
}
