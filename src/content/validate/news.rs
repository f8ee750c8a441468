//! A news item's raw front matter and body → [`News`].

use super::checker::Checker;
use crate::content::dates::PartialDate;
use crate::content::model::{News, NewsKind, ProjectRef};
use crate::content::raw::RawNews;
use crate::content::urls;
use crate::diagnostic::Diagnostic;
use crate::yaml::Spanned;

const KIND_HINT: &str = "write `tyyppi: uutinen` (news) or `tyyppi: tiedote` (press release)";

pub fn news(c: &mut Checker, raw: RawNews, project: Option<ProjectRef>) -> Option<News> {
    let title = raw.title.as_ref().map(|t| t.value.trim().to_string());
    if title.is_none() {
        c.missing("title", "otsikko");
    }
    let date = match &raw.date {
        Some(value) => day(c, value),
        None => {
            c.missing("date", "päivämäärä");
            None
        }
    };
    let updated = raw.updated.as_ref().and_then(|value| day(c, value));
    let kind = match &raw.kind {
        None => Some(NewsKind::News),
        Some(value) => {
            let kind = kind_of(&value.value);
            if kind.is_none() {
                c.error_at(
                    value,
                    "invalid-news-type",
                    format!("`{}` is not a kind of news item", value.value.trim()),
                    KIND_HINT,
                );
            }
            kind
        }
    };
    let body = c.body();
    let slug = c.page.slug.clone();
    let prefix = urls::language_prefix(c.lang, c.default_lang);
    let date = date?;
    Some(News {
        url: format!("{}{prefix}{}", c.links.base_path, urls::news_item(&slug)),
        lang: c.lang.to_string(),
        versions: Vec::new(),
        source: crate::diagnostic::display_path(&c.page.source.path),
        slug,
        title: title?,
        kind: kind?,
        published_at: atom_time(date),
        updated_at: atom_time(updated.unwrap_or(date)),
        date,
        updated,
        author: raw.author.map(|a| a.trim().to_string()),
        summary: raw.summary.map(|s| s.trim().to_string()),
        body,
        project,
    })
}

/// A date with its day: a news item is published on a day, not in a month.
fn day(c: &mut Checker, value: &Spanned<String>) -> Option<PartialDate> {
    let date = c.date(value)?;
    if date.day.is_none() {
        let pos = c.doc.pos(value);
        c.report(
            Diagnostic::error(
                "invalid-date",
                format!(
                    "`{}` gives only the month; a news item needs the day",
                    value.value.trim()
                ),
            )
            .hint("write the whole date, for example 3.11.2026"),
            pos,
        );
        return None;
    }
    Some(date)
}

fn kind_of(text: &str) -> Option<NewsKind> {
    match text.trim().to_lowercase().as_str() {
        "news" | "uutinen" | "nyhet" => Some(NewsKind::News),
        "press-release" | "press release" | "tiedote" | "lehdistötiedote" | "mediatiedote"
        | "pressmeddelande" => Some(NewsKind::PressRelease),
        _ => None,
    }
}

/// Noon UTC on the day: the same calendar day in every time zone from
/// Hawaii to New Zealand, so feed readers show the date the page shows.
fn atom_time(date: PartialDate) -> String {
    format!("{}T12:00:00Z", date.iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_in_three_languages() {
        assert_eq!(kind_of("Tiedote"), Some(NewsKind::PressRelease));
        assert_eq!(kind_of("pressmeddelande"), Some(NewsKind::PressRelease));
        assert_eq!(kind_of("uutinen"), Some(NewsKind::News));
        assert_eq!(kind_of("blogi"), None);
    }

    #[test]
    fn atom_time_is_noon_utc() {
        let date = crate::content::dates::parse("3.11.2026").unwrap();
        assert_eq!(atom_time(date), "2026-11-03T12:00:00Z");
    }
}
