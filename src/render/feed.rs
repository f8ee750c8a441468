//! Atom feeds: the news of each language, and of each project version that has
//! news, through the theme's `atom.xml`, each with its newest `feed_limit` items.
//! A feed's `updated` is its newest entry's, so an unchanged site builds the
//! same feed.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Output;
use super::theme::Theme;
use crate::content::model::{News, Site};
use crate::content::urls;
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct Feed<'a> {
    title: String,
    /// The absolute address of the page the feed follows: also the feed's id.
    page: String,
    /// The feed's own absolute address.
    href: String,
    updated: String,
    author: &'a str,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    news: &'a News,
    href: String,
}

/// One feed to make: the news `items` of the page at `page_path`, newest first.
struct Wanted<'a> {
    lang: &'a str,
    title: String,
    page_path: String,
    items: Vec<&'a News>,
}

impl PartialEq for Wanted<'_> {
    fn eq(&self, other: &Self) -> bool {
        // An item nothing changed is the last build's own model (see `Site`).
        let same = |(a, b): (&&News, &&News)| std::ptr::eq(*a, *b) || a == b;
        self.lang == other.lang
            && self.title == other.title
            && self.page_path == other.page_path
            && self.items.len() == other.items.len()
            && self.items.iter().zip(&other.items).all(same)
    }
}

/// Every feed of the site, each made when the iterator reaches it, but those
/// that would come out as they did from `last` (the last build's site, with
/// the same settings and theme): the same title and items. Also gives the
/// files of those left out.
pub fn feeds<'a>(
    site: &'a Site,
    theme: &'a Theme,
    last: Option<&Site>,
) -> (
    Vec<String>,
    impl ParallelIterator<Item = Result<Output, Diagnostic>> + 'a,
) {
    let before = last.map(|last| wanted(last, theme)).unwrap_or_default();
    let before: foldhash::HashMap<&str, &Wanted> =
        before.iter().map(|w| (w.page_path.as_str(), w)).collect();
    let (same, wanted): (Vec<Wanted>, Vec<Wanted>) = (wanted(site, theme).into_iter())
        .partition(|w| before.get(w.page_path.as_str()) == Some(&w));
    let same = same.iter().map(|w| urls::feed(&w.page_path)).collect();
    let strings = theme.string_values();
    let feeds = wanted
        .into_par_iter()
        .map(move |wanted| feed(site, theme, &strings, wanted));
    (same, feeds)
}

/// The feeds `site` has: its news in each language, and each project
/// version's that has news.
fn wanted<'a>(site: &'a Site, theme: &Theme) -> Vec<Wanted<'a>> {
    let config = &site.config;
    let by_url: foldhash::HashMap<&str, &News> =
        site.news.iter().map(|n| (n.url.as_str(), &**n)).collect();
    let languages = config.languages.iter().map(|lang| {
        let items = site
            .news
            .iter()
            .filter(|n| n.lang == *lang)
            .map(|n| &**n)
            .collect();
        let title = format!("{} – {}", config.title, theme.text(lang, "news"));
        let page_path = format!(
            "{}{}",
            urls::language_prefix(lang, &config.language),
            urls::news()
        );
        Wanted {
            lang,
            title,
            page_path,
            items,
        }
    });
    let projects = site
        .projects
        .iter()
        .chain(&site.translations)
        .filter(|p| !p.news.is_empty())
        .map(|p| {
            let items = p
                .news
                .iter()
                .filter_map(|r| by_url.get(r.url.as_str()).copied())
                .collect();
            let title = format!("{} – {}", p.name, theme.text(&p.lang, "news"));
            let page_path = p
                .url
                .strip_prefix(&config.base_path)
                .unwrap_or(&p.url)
                .to_string();
            Wanted {
                lang: &p.lang,
                title,
                page_path,
                items,
            }
        });
    languages
        .chain(projects)
        .map(|mut wanted| {
            wanted.items.truncate(config.feed_limit);
            wanted
        })
        .collect()
}

fn feed(
    site: &Site,
    theme: &Theme,
    strings: &HashMap<&str, tera::Value>,
    wanted: Wanted,
) -> Result<Output, Diagnostic> {
    let Wanted {
        lang,
        title,
        page_path,
        items,
    } = wanted;
    let config = &site.config;
    let author = config
        .organisation
        .as_ref()
        .map_or(config.title.as_str(), |o| o.name.as_str());
    let updated = items.iter().map(|n| n.updated_at.as_str()).max();
    let feed = Feed {
        title,
        page: format!("{}{page_path}", config.base_url),
        href: format!("{}{}", config.base_url, urls::feed(&page_path)),
        updated: updated.map_or_else(|| format!("{}T12:00:00Z", site.today), str::to_string),
        author,
    };
    let entries: Vec<Entry> = items
        .into_iter()
        .map(|news| Entry {
            href: config.absolute(&news.url),
            news,
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("lang", lang);
    ctx.insert_value("t", strings[lang].clone());
    ctx.insert("feed", &feed);
    ctx.insert("entries", &entries);
    let xml = theme
        .tera
        .render("atom.xml", &ctx)
        .map_err(|e| theme.diagnose(&e))?;
    Ok(Output::text(urls::feed(&page_path), xml))
}
