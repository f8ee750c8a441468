//! vCards (RFC 6350, version 4.0, UTF-8) so a reader can save a contact to their
//! phone in one tap. vcard4 writes the format and escapes the values.

use vcard4::VcardBuilder;

use crate::content::people::Person;

/// The vCard of one person; `site_url` makes the project links absolute.
pub fn vcard(person: &Person, site_url: &str, base_path: &str) -> String {
    let c = &person.contact;
    let (given, family) = match c.name.rsplit_once(' ') {
        Some((given, family)) => (given.to_string(), family.to_string()),
        None => (String::new(), c.name.clone()),
    };
    let mut card = VcardBuilder::new(c.name.clone()).name([
        family,
        given,
        String::new(),
        String::new(),
        String::new(),
    ]);
    if let Some(title) = &c.title {
        card = card.title(title.clone());
    }
    let org: Vec<String> = [&c.organisation, &c.unit]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if !org.is_empty() {
        card = card.org(org);
    }
    for phone in &c.phones {
        card = card.telephone(phone.e164.clone());
    }
    if let Some(email) = &c.email {
        card = card.email(email.clone());
    }
    for lang in &c.languages {
        card = card.lang(lang.clone());
    }
    let projects: Vec<&str> = person.projects.iter().map(|p| p.name.as_str()).collect();
    if !projects.is_empty() {
        card = card.note(projects.join(", "));
    }
    if let Some(first) = person.projects.first()
        && let Ok(url) = absolute(site_url, base_path, &first.url).parse()
    {
        card = card.url(url);
    }
    card.finish().to_string()
}

/// `/pr/projects/sointu/` with site `https://x.fi/pr/` → `https://x.fi/pr/projects/sointu/`.
pub fn absolute(site_url: &str, base_path: &str, url: &str) -> String {
    format!("{site_url}{}", url.strip_prefix(base_path).unwrap_or(url))
}
