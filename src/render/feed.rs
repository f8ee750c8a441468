//! Atom feeds: the news of each language, and of each project version that has
//! news, through the theme's `atom.xml`, each with its newest `feed_limit` items.
//! A feed's `updated` is its newest entry's, so an unchanged site builds the
//! same feed.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Output;
use super::counterparts::Counterparts;
use super::page::same_models_by;
use super::theme::Theme;
use crate::content::model::{News, Project, Site};
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
    items: Vec<&'a Arc<News>>,
}

/// The feeds of a build, in the order made, kept by `serve` for the next.
#[derive(Default)]
pub struct Made(Arc<[Fed]>);

/// What one feed was made of.
struct Fed {
    title: String,
    page_path: String,
    items: Vec<Arc<News>>,
}

impl Wanted<'_> {
    /// Whether the feed is the one `fed` was (the page's path names its
    /// language): the same title and items. An item nothing changed is the
    /// last build's own model (see `Site`), found so by its address.
    fn was(&self, fed: &Fed) -> bool {
        let same = |(a, b): (&&Arc<News>, &Arc<News>)| Arc::ptr_eq(a, b) || *a == b;
        self.page_path == fed.page_path
            && self.title == fed.title
            && self.items.len() == fed.items.len()
            && self.items.iter().zip(&fed.items).all(same)
    }

    fn fed(&self) -> Fed {
        Fed {
            title: self.title.clone(),
            page_path: self.page_path.clone(),
            items: self.items.iter().map(|&n| Arc::clone(n)).collect(),
        }
    }
}

/// Every feed of the site, each made when the iterator reaches it, but those
/// that would come out as the `last` build (its feeds and its site) made them,
/// with the same settings and theme: the same title and items. Also gives the
/// files of those left out, and what the feeds are made of, for the next build.
pub fn feeds<'a>(
    site: &'a Site,
    theme: &'a Theme,
    last: Option<(&Made, &Site)>,
) -> (
    Vec<String>,
    impl ParallelIterator<Item = Result<Output, Diagnostic>> + 'a,
    Made,
) {
    let (same, changed, made) = match last.filter(|(_, last)| same_feeds(site, last)) {
        Some((made, _)) => {
            let same = made
                .0
                .iter()
                .map(|fed| urls::feed(&fed.page_path))
                .collect();
            (same, Vec::new(), Made(made.0.clone()))
        }
        None => compare(wanted(site, theme), last.map(|(made, _)| made)),
    };
    let strings = theme.string_values();
    let feeds = changed
        .into_par_iter()
        .map(move |wanted| feed(site, theme, &strings, wanted));
    (same, feeds, made)
}

/// The feeds of `wanted` that come out as `last` made them (their files),
/// those to make, and what all are made of.
fn compare<'a>(
    wanted: Vec<Wanted<'a>>,
    last: Option<&Made>,
) -> (Vec<String>, Vec<Wanted<'a>>, Made) {
    let before = last.map_or(&[][..], |last| &last.0[..]);
    let before = Counterparts::new(before, wanted.len(), |f| f.page_path.as_str());
    let mut made = Vec::with_capacity(wanted.len());
    let mut same = Vec::new();
    let mut changed = Vec::new();
    for (i, w) in wanted.into_iter().enumerate() {
        match before.get(i, &w.page_path).filter(|fed| w.was(fed)) {
            Some(fed) => {
                same.push(urls::feed(&w.page_path));
                made.push(Fed {
                    title: w.title,
                    page_path: w.page_path,
                    items: fed.items.clone(),
                });
            }
            None => {
                made.push(w.fed());
                changed.push(w);
            }
        }
    }
    (same, changed, Made(made.into()))
}

/// Whether `site` has the feeds `last` had, without making them: the same
/// news, and every project with the name, address, language and news it had.
/// A model nothing changed is the last site's own, found so by its address.
fn same_feeds(site: &Site, last: &Site) -> bool {
    let same_project = |p: &Project, was: &Project| {
        p.name == was.name && p.url == was.url && p.lang == was.lang && p.news == was.news
    };
    same_models_by(&site.news, &last.news, |n, was| n == was)
        && same_models_by(&site.projects, &last.projects, same_project)
        && same_models_by(&site.translations, &last.translations, same_project)
}

/// The feeds `site` has: its news in each language, and each project
/// version's that has news.
fn wanted<'a>(site: &'a Site, theme: &Theme) -> Vec<Wanted<'a>> {
    let config = &site.config;
    let by_url: foldhash::HashMap<&str, &Arc<News>> =
        site.news.iter().map(|n| (n.url.as_str(), n)).collect();
    let languages = config.languages.iter().map(|lang| {
        let items = site.news.iter().filter(|n| n.lang == *lang).collect();
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
