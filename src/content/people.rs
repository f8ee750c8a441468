//! The people behind the contact cards, gathered across projects so that one
//! person working on several projects is one entry (and one vCard), not several.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;

use super::model::{Contact, GoodPractice, Project, ProjectRef, Status};
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
        let r = &gp.project;
        let owner = (r.name.as_str(), r.url.as_str(), r.status);
        cards.extend(gp.contacts.iter().map(|c| (c, owner, false)));
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

/// A project as its people's cards name it: its name, address and status.
fn owner(p: &Project) -> (&str, &str, Status) {
    (&p.name, &p.url, p.status)
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
