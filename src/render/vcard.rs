//! vCards (RFC 6350, version 4.0, UTF-8) so a reader can save a contact to their
//! phone in one tap. Written here rather than with the vcard4 crate, whose
//! writer built a fresh Aho-Corasick automaton for every value it escaped: a
//! fifth of a 10,000-project build. The tests parse every card with vcard4.

use std::fmt::Write as _;

use crate::config::Config;
use crate::content::people::Person;

/// A content line longer than this many octets is folded (RFC 6350 §3.2).
const LINE_OCTETS: usize = 75;

/// The vCard of one person, with an absolute link to their first project.
pub fn vcard(person: &Person, config: &Config) -> String {
    let c = &person.contact;
    let (given, family) = c.name.rsplit_once(' ').unwrap_or(("", &c.name));
    let mut card = String::with_capacity(512);
    line(&mut card, "BEGIN", &["VCARD"]);
    line(&mut card, "VERSION", &["4.0"]);
    line(&mut card, "FN", &[&escape(&c.name)]);
    let name = [escape(family), escape(given)].join(";") + ";;;";
    line(&mut card, "N", &[&name]);
    if let Some(first) = person.projects.first() {
        line(&mut card, "URL", &[&config.absolute(&first.url)]);
    }
    if let Some(title) = &c.title {
        line(&mut card, "TITLE", &[&escape(title)]);
    }
    let org: Vec<String> = [&c.organisation, &c.unit]
        .into_iter()
        .flatten()
        .map(|o| escape(o))
        .collect();
    if !org.is_empty() {
        line(&mut card, "ORG", &[&org.join(";")]);
    }
    for phone in &c.phones {
        line(&mut card, "TEL", &[&phone.e164]);
    }
    if let Some(email) = &c.email {
        line(&mut card, "EMAIL", &[&escape(email)]);
    }
    for lang in &c.languages {
        line(&mut card, "LANG", &[&escape(lang)]);
    }
    let projects: Vec<String> = person.projects.iter().map(|p| escape(&p.name)).collect();
    if !projects.is_empty() {
        line(&mut card, "NOTE", &[&projects.join("\\, ")]);
    }
    line(&mut card, "END", &["VCARD"]);
    card
}

/// Writes `NAME:value` ending in CRLF, folded into lines of at most 75 octets,
/// each continuation starting with a space; a character is never split.
fn line(card: &mut String, name: &str, parts: &[&str]) {
    let mut text = String::from(name);
    text.push(':');
    parts.iter().for_each(|p| text.push_str(p));
    let mut octets = 0;
    for ch in text.chars() {
        if octets + ch.len_utf8() > LINE_OCTETS {
            card.push_str("\r\n ");
            octets = 1;
        }
        card.push(ch);
        octets += ch.len_utf8();
    }
    let _ = write!(card, "\r\n");
}

/// A text value with `\`, `,`, `;` and newlines escaped (RFC 6350 §3.4).
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut card = String::new();
        let value = "ä".repeat(50);
        line(&mut card, "NOTE", &[&value]);
        let lines: Vec<&str> = card.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.iter().all(|l| l.len() <= LINE_OCTETS), "{lines:?}");
        assert!(lines[1].starts_with(' '));
        let unfolded: String = lines
            .iter()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        assert_eq!(unfolded, format!("NOTE:{value}"));
    }

    #[test]
    fn separators_in_values_are_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
