//! A project's raw front matter and body → [`Project`].

use jiff::civil::Date;

use super::checker::Checker;
use crate::content::model::{
    Duration, Goals, Project, Publication, SocialLink, Status, Version, WorkPackage,
};
use crate::content::raw::{RawDuration, RawProject, RawPublication};
use crate::content::urls;
use crate::diagnostic::{Diagnostic, Pos};
use crate::yaml::Spanned;

/// Validates a project. A translation (`sointu.sv.md`) passes the default
/// language's version as `original`: facts it leaves out (dates, funding,
/// contacts, links …) are taken from there; text (name, summary, goals, body)
/// never is.
pub fn project(
    c: &mut Checker,
    raw: RawProject,
    today: Date,
    original: Option<&Project>,
) -> Option<Project> {
    let name = raw.name.as_ref().map(|n| n.value.trim().to_string());
    if name.is_none() {
        c.missing("name", "nimi");
    }
    let duration = match (&raw.duration, original) {
        (Some(d), _) => duration(c, d),
        (None, Some(o)) => Some(o.duration.clone()),
        (None, None) => {
            c.missing("duration", "toteutusaika");
            None
        }
    };
    let start = duration.as_ref().map(|d| d.start.first_day());
    let funding = raw
        .funding
        .as_ref()
        .map(|f| super::funding::funding(c, f, start));
    let contacts = raw.contacts.iter().filter_map(|r| c.contact(r)).collect();
    let social = raw
        .social
        .iter()
        .filter_map(|s| {
            c.web_url(&s.url).map(|url| SocialLink {
                service: s.service.trim().to_string(),
                url,
            })
        })
        .collect();
    let links = raw.links.iter().filter_map(|l| c.link(l)).collect();
    let publications = raw.publications.iter().map(|p| publication(c, p)).collect();
    let image = raw.image.as_ref().and_then(|i| c.image(i));
    let work_packages = raw
        .work_packages
        .iter()
        .map(|w| WorkPackage {
            title: w.title.value.trim().to_string(),
            description: w.description.as_ref().map(|d| c.markdown(d)),
        })
        .collect();
    let results = raw.results.as_ref().map(|r| c.markdown(r));
    let body = c.body();

    let (name, duration) = (name?, duration?);
    let status = status(&duration, today);
    if let Some(eu) = funding.as_ref().and_then(|f| f.eu.as_ref())
        && original.is_none()
    {
        eu_rules(c, &name, &eu.period, &raw, &duration, status, today);
    }
    let mut borrowed = std::collections::BTreeMap::new();
    let mut borrow = |section: &'static str, empty: bool| {
        let take = empty && original.is_some();
        borrowed.insert(section, take);
        take
    };
    let o = original;
    let funding = if borrow("funding", funding.is_none()) {
        o.and_then(|o| o.funding.clone())
    } else {
        funding
    };
    let contacts = if borrow("contacts", raw.contacts.is_empty()) {
        o.map(|o| o.contacts.clone()).unwrap_or_default()
    } else {
        contacts
    };
    let social = if raw.social.is_empty() {
        o.map(|o| o.social.clone()).unwrap_or_default()
    } else {
        social
    };
    let links = if borrow("links", raw.links.is_empty()) {
        o.map(|o| o.links.clone()).unwrap_or_default()
    } else {
        links
    };
    let publications = if borrow("publications", raw.publications.is_empty()) {
        o.map(|o| o.publications.clone()).unwrap_or_default()
    } else {
        publications
    };
    let image = if borrow("image", image.is_none()) {
        o.and_then(|o| o.image.clone())
    } else {
        image
    };
    let facts = |value: Option<String>, pick: fn(&Project) -> &Option<String>| {
        value.or_else(|| o.and_then(|o| pick(o).clone()))
    };
    let lists = |value: Vec<String>, pick: fn(&Project) -> &Vec<String>| {
        if value.is_empty() {
            o.map(|o| pick(o).clone()).unwrap_or_default()
        } else {
            value
        }
    };
    let own_facts = raw.administrator.is_some()
        || !raw.implementers.is_empty()
        || !raw.partners.is_empty()
        || raw.region.is_some()
        || !raw.municipalities.is_empty();
    borrow("facts", !own_facts);
    let lang = c.lang.to_string();
    let prefix = urls::language_prefix(&lang, c.default_lang);
    let slug = c.page.slug.clone();
    Some(Project {
        url: format!("{}{prefix}{}", c.links.base_path, urls::project(&slug)),
        lang,
        versions: Vec::new(),
        borrowed,
        source: crate::diagnostic::display_path(&c.page.source.path),
        slug,
        name,
        short_name: facts(raw.short_name, |o| &o.short_name),
        code: facts(raw.code, |o| &o.code),
        administrator: facts(raw.administrator, |o| &o.administrator),
        implementers: lists(raw.implementers, |o| &o.implementers),
        partners: lists(raw.partners, |o| &o.partners),
        status,
        duration,
        region: facts(raw.region, |o| &o.region),
        municipalities: lists(raw.municipalities, |o| &o.municipalities),
        target_groups: raw.target_groups,
        goals: raw
            .goals
            .map(|g| Goals {
                main: g.main,
                sub_goals: g.sub_goals,
            })
            .unwrap_or_default(),
        work_packages,
        results,
        funding,
        contacts,
        social,
        links,
        publications,
        image,
        summary: raw.summary,
        summary_en: raw.summary_en,
        topics: raw.topics,
        body,
        good_practices: Vec::new(),
        news: Vec::new(),
    })
}

/// Art. 50(1)(a) of Regulation (EU) 2021/1060: the page describes the project's
/// aims and, once it has ended, its results; the 2014–2020 logo is retired.
fn eu_rules(
    c: &mut Checker,
    name: &str,
    period: &str,
    raw: &RawProject,
    duration: &Duration,
    status: Status,
    today: Date,
) {
    if period != "2021-2027" {
        return;
    }
    let funders = &c.domain.funders;
    let has_aims = raw.goals.as_ref().is_some_and(|g| g.main.is_some()) || raw.summary.is_some();
    if !has_aims {
        c.report(
            Diagnostic::error(
                "eu-aims",
                format!("“{name}” is EU-funded, so its page must describe its aims (Regulation (EU) 2021/1060, Art. 50)"),
            )
            .hint("add `goals:` with `main:` (tavoitteet: päätavoite:), or a `summary:`"),
            Pos::new(1, 1),
        );
    }
    let due = duration.effective_end().and_then(|end| {
        end.last_day()
            .checked_add(jiff::Span::new().months(funders.results_due_months))
            .ok()
    });
    if status == Status::Ended && raw.results.is_none() && due.is_some_and(|due| today > due) {
        c.report(
            Diagnostic::error(
                "eu-results",
                format!(
                    "“{name}” ended over {} months ago, but its page does not describe its results (Regulation (EU) 2021/1060, Art. 50)",
                    funders.results_due_months
                ),
            )
            .hint("add `results:` (tulokset:) with what the project achieved, and link the final report"),
            Pos::new(1, 1),
        );
    }
    let body_start = c.page.body_start;
    let source = std::sync::Arc::clone(&c.page.source);
    let text = &source.text;
    for mark in &funders.retired_marks {
        if let Some(i) = memchr::memmem::find(&text.as_bytes()[body_start..], mark.as_bytes()) {
            let pos = Pos::of_offset(text, body_start + i);
            c.report(
                Diagnostic::warning(
                    "retired-mark",
                    format!("“{mark}” may no longer be used in 2021–2027"),
                )
                .hint("remove it; the EU emblem with its statement replaces it"),
                pos,
            );
            break;
        }
    }
}

/// Upcoming before the first day, ended after the last (extension included).
pub fn status(duration: &Duration, today: Date) -> Status {
    if today < duration.start.first_day() {
        Status::Upcoming
    } else if duration
        .effective_end()
        .is_some_and(|end| today > end.last_day())
    {
        Status::Ended
    } else {
        Status::Ongoing
    }
}

fn duration(c: &mut Checker, raw: &Spanned<RawDuration>) -> Option<Duration> {
    let (start, end, end_at) = match &raw.value {
        RawDuration::Range(text) => {
            let spanned = Spanned {
                value: text.clone(),
                referenced: raw.referenced,
                defined: raw.defined,
            };
            let range = c.range(&spanned)?;
            (range.start, range.end, spanned)
        }
        RawDuration::Parts(parts) => {
            let Some(start) = &parts.start else {
                c.error_at(
                    raw,
                    "missing-field",
                    "the duration has no start date (`start` / `alku`)".into(),
                    "add `start: 1.3.2024` under the duration",
                );
                return None;
            };
            let start_date = c.date(start);
            let end = parts.end.as_ref().map(|e| (c.date(e), e.clone()));
            let extension = parts.extension.as_ref().and_then(|x| c.range(x));
            let start_date = start_date?;
            let (end_date, end_at) = match end {
                Some((d, at)) => (Some(d?), at),
                None => (None, start.clone()),
            };
            let duration = Duration {
                start: start_date,
                end: end_date,
                extension,
            };
            check_order(c, &duration, &end_at);
            return Some(duration);
        }
    };
    let duration = Duration {
        start,
        end,
        extension: None,
    };
    check_order(c, &duration, &end_at);
    Some(duration)
}

fn check_order(c: &mut Checker, d: &Duration, at: &Spanned<String>) {
    if let Some(end) = d.end
        && end.last_day() < d.start.first_day()
    {
        c.error_at(
            at,
            "date-order",
            format!("the project ends ({end}) before it starts ({})", d.start),
            "check the years: the end date must come after the start date",
        );
    }
}

fn publication(c: &mut Checker, raw: &RawPublication) -> Publication {
    let url = raw.url.as_ref().and_then(|u| c.target(u));
    let file = url.as_deref().and_then(|u| c.file_info(u));
    let versions = raw
        .versions
        .iter()
        .map(|v| {
            let url = v.url.as_ref().and_then(|u| c.target(u));
            Version {
                language: v.language.trim().to_string(),
                file: url.as_deref().and_then(|u| c.file_info(u)),
                url,
            }
        })
        .collect();
    let dir = raw
        .language
        .as_ref()
        .filter(|l| c.domain.languages.rtl.contains(l))
        .map(|_| "rtl".to_string());
    Publication {
        title: raw.title.value.trim().to_string(),
        description: raw.description.clone(),
        url,
        language: raw.language.clone(),
        dir,
        file,
        versions,
    }
}
