//! schema.org JSON-LD for project pages: what search engines and registries read.
//!
//! Typed structs serialized straight to text: every project page has one, and
//! a tree of JSON values built for each cost more than the rest of its context.
//! Fields stand in alphabetical order of their names, the order readers of the
//! pages have always seen.

use serde::Serialize;

use crate::config::Config;
use crate::content::model::{Contact, Project};

/// The project as a schema.org `Project`, with its funders and contact people.
pub fn project(p: &Project, config: &Config) -> String {
    let ld = ProjectLd {
        context: "https://schema.org",
        kind: "Project",
        area_served: p.region.as_deref().map(|name| Area {
            kind: "AdministrativeArea",
            name,
        }),
        description: p.summary.as_deref().or(p.goals.main.as_deref()),
        dissolution_date: p.duration.effective_end().map(|end| end.iso()),
        founding_date: p.duration.start.iso(),
        funder: p
            .funding
            .as_ref()
            .map(|f| f.funders.iter().map(|f| organisation(&f.name)).collect()),
        identifier: p.code.as_deref(),
        member: p.contacts.iter().map(person).collect(),
        name: &p.name,
        parent_organization: p.administrator.as_deref().map(organisation),
        url: config.absolute(&p.url),
    };
    // `</script>` inside a value must not end the script element.
    serde_json::to_string(&ld)
        .expect("JSON-LD serializes")
        .replace('<', "\\u003c")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProjectLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_served: Option<Area<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dissolution_date: Option<String>,
    founding_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    funder: Option<Vec<Organization<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    member: Vec<Person<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_organization: Option<Organization<'a>>,
    url: String,
}

#[derive(Serialize)]
struct Area<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<Box<Organization<'a>>>,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    knows_language: &'a [String],
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<Telephone<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    works_for: Option<Organization<'a>>,
}

/// One number as a string, several as a list.
#[derive(Serialize)]
#[serde(untagged)]
enum Telephone<'a> {
    One(&'a str),
    Many(Vec<&'a str>),
}

fn organisation(name: &str) -> Organization<'_> {
    Organization {
        kind: "Organization",
        department: None,
        name,
    }
}

fn person(c: &Contact) -> Person<'_> {
    Person {
        kind: "Person",
        email: c.email.as_deref(),
        job_title: c.title.as_deref(),
        knows_language: &c.languages,
        name: &c.name,
        telephone: match c.phones.as_slice() {
            [] => None,
            [one] => Some(Telephone::One(&one.e164)),
            many => Some(Telephone::Many(
                many.iter().map(|p| p.e164.as_str()).collect(),
            )),
        },
        works_for: c.organisation.as_deref().map(|o| Organization {
            department: c.unit.as_deref().map(|u| Box::new(organisation(u))),
            ..organisation(o)
        }),
    }
}
