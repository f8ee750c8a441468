//! A good practice's raw front matter and body → [`GoodPractice`].

use super::checker::Checker;
use crate::content::model::{GoodPractice, ProjectRef};
use crate::content::raw::RawGoodPractice;
use crate::content::urls;

pub fn good_practice(
    c: &mut Checker,
    raw: RawGoodPractice,
    project: ProjectRef,
) -> Option<GoodPractice> {
    let name = raw.name.as_ref().map(|n| n.value.trim().to_string());
    if name.is_none() {
        c.missing("name", "nimi");
    }
    let mut section = |v: &Option<crate::yaml::Spanned<String>>| v.as_ref().map(|v| c.markdown(v));
    let need = section(&raw.need);
    let implementation = section(&raw.implementation);
    let resources = section(&raw.resources);
    let evaluation = section(&raw.evaluation);
    let setting = section(&raw.setting);
    let materials = raw.materials.iter().filter_map(|l| c.link(l)).collect();
    let contacts = raw.contacts.iter().filter_map(|r| c.contact(r)).collect();
    let innokyla = raw.innokyla.as_ref().and_then(|u| c.web_url(u));
    let created = raw.created.as_ref().and_then(|d| c.date(d));
    let updated = raw.updated.as_ref().and_then(|d| c.date(d));
    let body = c.body();
    let slug = c.page.slug.clone();
    let prefix = urls::language_prefix(c.lang, c.default_lang);
    Some(GoodPractice {
        url: format!(
            "{}{prefix}{}",
            c.links.base_path,
            urls::good_practice(&slug)
        ),
        lang: c.lang.to_string(),
        source: crate::diagnostic::display_path(&c.page.source.path),
        slug,
        name: name?,
        summary: raw.summary,
        need,
        target_groups: raw.target_groups,
        implementation,
        resources,
        evaluation,
        setting,
        materials,
        contacts,
        innokyla,
        region: raw.region,
        created,
        updated,
        topics: raw.topics,
        body,
        project,
    })
}
