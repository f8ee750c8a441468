//! schema.org JSON-LD for project pages: what search engines and registries read.

use serde_json::{Value, json};

use crate::config::Config;
use crate::content::model::{Contact, Project};

/// The project as a schema.org `Project`, with its funders and contact people.
pub fn project(p: &Project, config: &Config) -> String {
    let url = config.absolute(&p.url);
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Project",
        "name": p.name,
        "url": url,
        "foundingDate": p.duration.start.iso(),
    });
    let obj = value.as_object_mut().expect("built as an object");
    if let Some(end) = p.duration.effective_end() {
        obj.insert("dissolutionDate".into(), end.iso().into());
    }
    if let Some(code) = &p.code {
        obj.insert("identifier".into(), code.clone().into());
    }
    if let Some(summary) = p.summary.as_ref().or(p.goals.main.as_ref()) {
        obj.insert("description".into(), summary.clone().into());
    }
    if let Some(a) = &p.administrator {
        obj.insert("parentOrganization".into(), organisation(a));
    }
    if let Some(f) = &p.funding {
        let funders: Vec<Value> = f.funders.iter().map(|f| organisation(&f.name)).collect();
        obj.insert("funder".into(), funders.into());
    }
    if let Some(region) = &p.region {
        obj.insert(
            "areaServed".into(),
            json!({ "@type": "AdministrativeArea", "name": region }),
        );
    }
    let members: Vec<Value> = p.contacts.iter().map(person).collect();
    if !members.is_empty() {
        obj.insert("member".into(), members.into());
    }
    // `</script>` inside a value must not end the script element.
    serde_json::to_string(&value)
        .expect("JSON values serialize")
        .replace('<', "\\u003c")
}

fn organisation(name: &str) -> Value {
    json!({ "@type": "Organization", "name": name })
}

fn person(c: &Contact) -> Value {
    let mut v = json!({ "@type": "Person", "name": c.name });
    let obj = v.as_object_mut().expect("built as an object");
    if let Some(t) = &c.title {
        obj.insert("jobTitle".into(), t.clone().into());
    }
    if let Some(o) = &c.organisation {
        let mut org = organisation(o);
        if let Some(unit) = &c.unit {
            org["department"] = organisation(unit);
        }
        obj.insert("worksFor".into(), org);
    }
    match c.phones.as_slice() {
        [] => {}
        [one] => {
            obj.insert("telephone".into(), one.e164.clone().into());
        }
        many => {
            let all: Vec<Value> = many.iter().map(|p| p.e164.clone().into()).collect();
            obj.insert("telephone".into(), all.into());
        }
    }
    if let Some(e) = &c.email {
        obj.insert("email".into(), e.clone().into());
    }
    if !c.languages.is_empty() {
        obj.insert("knowsLanguage".into(), c.languages.clone().into());
    }
    v
}
