//! The people behind the contact cards, gathered across projects so that one
//! person working on several projects is one entry (and one vCard), not several.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;

use super::model::{Contact, GoodPractice, Project, ProjectRef};
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

/// Everyone on a contact card, each once; fills in every card's vCard URL.
/// A translation's card is the person of the same identity in the default
/// language, if there is one: it adds neither facts nor projects to them.
pub fn collect(
    projects: &mut [Arc<Project>],
    translations: &mut [Arc<Project>],
    good_practices: &mut [Arc<GoodPractice>],
    base_path: &str,
) -> Vec<Person> {
    let reference = |p: &Project| ProjectRef {
        name: p.name.clone(),
        url: p.url.clone(),
        status: p.status,
    };
    // Every card with its project and whether it is a translation's.
    let mut cards: Vec<(&Contact, ProjectRef, bool)> = Vec::new();
    for p in projects.iter() {
        cards.extend(p.contacts.iter().map(|c| (c, reference(p), false)));
    }
    for gp in good_practices.iter() {
        cards.extend(gp.contacts.iter().map(|c| (c, gp.project.clone(), false)));
    }
    for p in translations.iter() {
        cards.extend(p.contacts.iter().map(|c| (c, reference(p), true)));
    }
    // Who each card is, and the name part of a new person's vCard file, for
    // tens of thousands of cards at once; the merging below is in order.
    let keys: Vec<(String, String)> = cards
        .par_iter()
        .map(|(contact, ..)| (identity(contact), slugify(&contact.name)))
        .collect();
    let mut people: Vec<Person> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut slugs: HashSet<String> = HashSet::new();
    let mut whose = Vec::with_capacity(cards.len());
    for ((contact, project, translated), (key, base)) in cards.into_iter().zip(keys) {
        let known = by_key.get(&key).copied();
        let index = *by_key.entry(key).or_insert_with(|| {
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
            people.len() - 1
        });
        whose.push(index);
        if translated && known.is_some() {
            continue;
        }
        let person = &mut people[index];
        merge(&mut person.contact, contact);
        if !person.projects.iter().any(|p| p.url == project.url) {
            person.projects.push(project);
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
    people.sort_by(|a, b| {
        a.contact
            .name
            .cmp(&b.contact.name)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    people
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
