//! Stage 2: every loaded page's front matter and body, checked and turned into
//! the typed [`Site`]. All problems in all files are collected; none stops the rest.

mod address_book;
mod checker;
mod facts;
mod funding;
mod good_practice;
mod memo;
mod news;
mod project;

use foldhash::HashMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::links::Links;
use super::load::{Kind, Loaded, Page};
use super::markdown::LinkAt;
use super::model::{
    Alternate, GoodPractice, GoodPracticeRef, News, NewsRef, Project, ProjectRef, Site,
};
use super::people::Person;
use super::raw::{RawGoodPractice, RawNews, RawProject};
use super::urls;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, display_path};
use crate::domain::Domain;
use address_book::AddressBook;
use checker::Checker;

pub use memo::Memo;
use memo::Original;
pub use project::status;

/// What validation hands forward: the model, every problem found, and, when
/// asked to remember them, each page's checks with the address book of the
/// site's pages and files (kept by `serve` to re-check pages after an edit).
pub struct Validated {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
    pub memo: Option<Memo>,
}

/// Checks every page of `loaded`, taking the checks `last` kept for pages
/// whose inputs are unchanged; with `remember`, keeps this validation's checks
/// in [`Validated::memo`] for the next one.
pub fn validate(
    root: &Path,
    config: Config,
    domain: &Domain,
    loaded: &Loaded,
    today: Date,
    last: Option<Memo>,
    remember: bool,
) -> Validated {
    let mut later_links = Vec::new();
    let mut last = last;
    let last_book = last.as_mut().map(|last| std::mem::take(&mut last.book));
    let (book, same_book) = AddressBook::of(&config, loaded, last_book);
    let mut diagnostics = book.duplicates.clone();
    let pages = book.pages(loaded);

    let (project_pages, others): (Vec<&Page>, Vec<&Page>) =
        pages.iter().partition(|p| p.kind == Kind::Project);
    let (gp_pages, news_pages): (Vec<&Page>, Vec<&Page>) = others
        .into_iter()
        .partition(|p| matches!(p.kind, Kind::GoodPractice { .. }));

    let (originals, translated): (Vec<&Page>, Vec<&Page>) =
        project_pages.into_iter().partition(|p| p.lang.is_none());
    let context = PageContext {
        root,
        links: &book.links,
        domain,
        config: &config,
        today,
    };
    // The checks of the last validation hold while the address book does;
    // with `remember`, they are brought up to date in place.
    let mut memo = match last {
        Some(last) if same_book => Some(last),
        Some(stale) => {
            crate::drop_later(stale);
            remember.then(Memo::default)
        }
        None => remember.then(Memo::default),
    };
    let results = memo::check_all(
        &originals,
        memo.as_mut().map(|m| &mut m.projects),
        remember,
        |_| Original(None),
        |page, _| context.project(page, None),
    );
    let projects = gather(results, &mut diagnostics, &mut later_links);
    let by_slug: HashMap<&str, &Arc<Project>> =
        projects.iter().map(|p| (p.slug.as_str(), p)).collect();
    let results = memo::check_all(
        &translated,
        memo.as_mut().map(|m| &mut m.projects),
        remember,
        |page| Original(by_slug.get(page.slug.as_str()).map(|&p| Arc::clone(p))),
        |page, original| match &original.0 {
            Some(original) => context.project(page, Some(original)),
            None => (
                None,
                vec![orphan(page, "project", &urls::project(&page.slug))],
                Arc::from([]),
            ),
        },
    );
    let translations = gather(results, &mut diagnostics, &mut later_links);

    // After an edit to projects that changed no fact other pages read of
    // them, the last site with the projects put in: see `facts`.
    let relinked = (memo.as_mut().and_then(|m| m.linked.take()))
        .and_then(|linked| linked.put_in(&pages, &projects, &translations));
    let (models, found) = match relinked {
        Some(linked) => (linked.models, linked.found),
        None => link_all(
            (projects, translations),
            (&gp_pages, &news_pages),
            memo.as_mut(),
            remember,
            &context,
        ),
    };
    match memo.as_mut() {
        Some(memo) => {
            diagnostics.extend(found.0.iter().cloned());
            later_links.extend(found.1.iter().cloned());
            memo.found = found;
            memo.sources = pages.iter().map(|p| Arc::clone(&p.source)).collect();
        }
        None => {
            diagnostics.extend(found.0);
            later_links.extend(found.1);
        }
    }
    let Models {
        projects,
        translations,
        good_practices,
        news,
        people,
    } = models;
    let site = Site {
        later_links,
        people,
        config,
        projects,
        translations,
        good_practices,
        news,
        today,
        assets: book.assets.clone(),
    };
    let memo = match memo {
        Some(mut memo) if remember => {
            // Settled (see `Memo::settle`) when the next validation needs it.
            memo.book = book;
            memo.settled = false;
            Some(memo)
        }
        Some(unwanted) => {
            crate::drop_later(unwanted);
            None
        }
        None => None,
    };
    Validated {
        site,
        diagnostics,
        memo,
    }
}

/// The site's models, linked to each other.
pub(super) struct Models {
    pub projects: Vec<Arc<Project>>,
    pub translations: Vec<Arc<Project>>,
    pub good_practices: Vec<Arc<GoodPractice>>,
    pub news: Vec<Arc<News>>,
    pub people: Arc<[Person]>,
}

/// What the checks of the good practices and news items found: their
/// diagnostics and links to headings.
pub(super) type Found = (Vec<Diagnostic>, Vec<Arc<[LinkAt]>>);

/// Checks the good practices and news items of `pages`, and links every model
/// to the others: the versions, news, good practices and people of each, the
/// projects in the home page's order.
fn link_all(
    (mut projects, mut translations): (Vec<Arc<Project>>, Vec<Arc<Project>>),
    (gp_pages, news_pages): (&[&Page], &[&Page]),
    mut memo: Option<&mut Memo>,
    remember: bool,
    context: &PageContext,
) -> (Models, Found) {
    let config = context.config;
    let mut found = Found::default();
    // Linking the projects' versions and checking good practices and news
    // read the projects and not each other: side by side, then the links put in.
    let (versions, (gp_results, news_results)) = rayon::join(
        || version_lists(&projects, &translations, &config.languages),
        || {
            // Each project in each of its languages, and its reference.
            let by_lang: HashMap<(&str, &str), &Project> = (projects.iter().chain(&translations))
                .map(|p| ((p.lang.as_str(), p.slug.as_str()), &**p))
                .collect();
            let project_ref = |slug: &str, lang: &str| {
                let p = (by_lang.get(&(lang, slug)))
                    .or_else(|| by_lang.get(&(config.language.as_str(), slug)))?;
                Some(ProjectRef {
                    name: p.name.clone(),
                    url: p.url.clone(),
                    status: p.status,
                })
            };
            let results = memo::check_all(
                gp_pages,
                memo.as_deref_mut().map(|m| &mut m.good_practices),
                remember,
                |page| {
                    let Kind::GoodPractice { project } = &page.kind else {
                        unreachable!("partitioned by kind")
                    };
                    project_ref(project, &config.language).unwrap_or_else(|| ProjectRef {
                        name: project.clone(),
                        url: format!("{}{}", config.base_path, urls::project(project)),
                        status: super::model::Status::Ongoing,
                    })
                },
                |page, project| context.good_practice(page, project.clone()),
            );
            let news = memo::check_all(
                news_pages,
                memo.as_deref_mut().map(|m| &mut m.news),
                remember,
                |page| {
                    let Kind::News { project } = &page.kind else {
                        unreachable!("partitioned by kind")
                    };
                    let lang = page.lang.as_deref().unwrap_or(&config.language);
                    project.as_deref().and_then(|slug| project_ref(slug, lang))
                },
                |page, project| context.news(page, project.clone()),
            );
            (results, news)
        },
    );
    let models = projects.iter_mut().chain(translations.iter_mut());
    apply(models, versions, |p| &mut p.versions);
    let mut good_practices = gather(gp_results, &mut found.0, &mut found.1);
    let mut news = gather(news_results, &mut found.0, &mut found.1);

    // What each project lists of news and good practices, side by side too.
    let ((of_projects, of_news), owned) = rayon::join(
        || {
            news.sort_by(|a, b| (b.date, &a.title, &a.slug).cmp(&(a.date, &b.title, &b.slug)));
            news_lists(&news, &projects, &translations, &config.languages)
        },
        || {
            good_practices.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.slug.cmp(&b.slug)));
            good_practice_lists(&good_practices, &projects, &translations)
        },
    );
    apply(news.iter_mut(), of_news, |n| &mut n.versions);
    let models = projects.iter_mut().chain(translations.iter_mut());
    apply(models, of_projects, |p| &mut p.news);
    let models = projects.iter_mut().chain(translations.iter_mut());
    apply(models, owned, |p| &mut p.good_practices);
    projects.sort_by(|a, b| {
        (
            a.status,
            std::cmp::Reverse(a.duration.start),
            &a.name,
            &a.slug,
        )
            .cmp(&(
                b.status,
                std::cmp::Reverse(b.duration.start),
                &b.name,
                &b.slug,
            ))
    });
    let people = super::people::collect(
        &mut projects,
        &mut translations,
        &mut good_practices,
        &config.base_path,
        memo.and_then(|m| m.people.as_ref()),
    );
    let models = Models {
        projects,
        translations,
        good_practices,
        news,
        people,
    };
    (models, found)
}

/// A page's own results when only its Markdown body changed: the new body,
/// the page's diagnostics and its links to headings.
pub struct BodyEdit {
    pub body: Arc<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub later_links: Arc<[LinkAt]>,
}

/// Checks `page` again, in a site whose every other fact is unchanged. None if
/// the page is not in the model (it had errors that kept it out, or is new).
pub fn body_edit(
    root: &Path,
    site: &Site,
    links: &Links,
    domain: &Domain,
    page: &Page,
) -> Option<BodyEdit> {
    let context = PageContext {
        root,
        links,
        domain,
        config: &site.config,
        today: site.today,
    };
    let source = display_path(&page.source.path);
    let (body, diagnostics, later_links) = match page.kind {
        Kind::Project => {
            let original = match page.lang {
                None => None,
                Some(_) => Some(site.projects.iter().find(|p| p.slug == page.slug)?),
            };
            let (project, found, later) = context.project(page, original.map(|o| &**o));
            (Arc::clone(&project?.body), found, later)
        }
        Kind::GoodPractice { .. } => {
            let old = site.good_practices.iter().find(|g| g.source == source)?;
            let (gp, found, later) = context.good_practice(page, old.project.clone());
            (Arc::clone(&gp?.body), found, later)
        }
        // Feeds carry a news item's whole text: its edits take a full build.
        Kind::News { .. } => return None,
    };
    Some(BodyEdit {
        body,
        diagnostics,
        later_links,
    })
}

/// What checking one page needs besides the page.
struct PageContext<'a> {
    root: &'a Path,
    links: &'a Links,
    domain: &'a Domain,
    config: &'a Config,
    today: Date,
}

type Checked<T> = (Option<T>, Vec<Diagnostic>, Arc<[LinkAt]>);

impl PageContext<'_> {
    /// Parses `page`'s front matter as `R` and checks it with `check`.
    fn check<R: serde::de::DeserializeOwned, T>(
        &self,
        page: &Page,
        check: impl FnOnce(&mut Checker, R) -> Option<T>,
    ) -> Checked<T> {
        let mut c = Checker::new(
            self.root,
            page,
            self.links,
            self.domain,
            &self.config.language,
        );
        let checked = match c.doc.parse::<R>() {
            Ok(raw) => check(&mut c, raw),
            Err(d) => {
                c.diagnostics.push(d);
                None
            }
        };
        (checked, c.diagnostics, c.later_links.into())
    }

    fn project(&self, page: &Page, original: Option<&Project>) -> Checked<Arc<Project>> {
        self.check(page, |c, raw: RawProject| {
            project::project(c, raw, self.today, original).map(Arc::new)
        })
    }

    fn good_practice(&self, page: &Page, project: ProjectRef) -> Checked<Arc<GoodPractice>> {
        self.check(page, |c, raw: RawGoodPractice| {
            good_practice::good_practice(c, raw, project).map(Arc::new)
        })
    }

    fn news(&self, page: &Page, project: Option<ProjectRef>) -> Checked<Arc<News>> {
        self.check(page, |c, raw: RawNews| {
            news::news(c, raw, project).map(Arc::new)
        })
    }
}

/// The pages that passed among `results`; their diagnostics and links to
/// headings join the site's.
fn gather<T>(
    results: Vec<Checked<T>>,
    diagnostics: &mut Vec<Diagnostic>,
    later_links: &mut Vec<Arc<[LinkAt]>>,
) -> Vec<T> {
    let mut kept = Vec::with_capacity(results.len());
    for (item, found, later) in results {
        diagnostics.extend(found);
        if !later.is_empty() {
            later_links.push(later);
        }
        kept.extend(item);
    }
    kept
}

/// A translation whose original (in the default language) does not exist.
fn orphan(page: &Page, what: &str, path: &str) -> Diagnostic {
    Diagnostic::error(
        "orphan-translation",
        format!("this translates a {what} that does not exist: there is no /{path} in the default language"),
    )
    .in_file(&page.source.path)
    .at(crate::diagnostic::Pos::new(1, 1))
    .hint("check the file name: a translation is named like its original with the language added (sointu.md → sointu.sv.md)")
}

/// For every project and then every translation, the list of all its
/// language versions, in the order of the site's languages (see [`changed`]).
fn version_lists(
    projects: &[Arc<Project>],
    translations: &[Arc<Project>],
    languages: &[String],
) -> Vec<Option<Vec<Alternate>>> {
    let models = || projects.iter().chain(translations.iter());
    let versions = versions_by_slug(models().map(|p| (&*p.slug, &*p.lang, &*p.url)), languages);
    let wanted = models().map(|p| versions[p.slug.as_str()].as_slice());
    changed(models(), wanted, |p| &p.versions, same_version, version)
}

/// For every project and then every translation, the good practices listed
/// on its page: those of its project in its own language (see [`changed`]).
fn good_practice_lists(
    good_practices: &[Arc<GoodPractice>],
    projects: &[Arc<Project>],
    translations: &[Arc<Project>],
) -> Vec<Option<Vec<GoodPracticeRef>>> {
    let mut owners: HashMap<(&str, &str), Vec<&GoodPractice>> = HashMap::default();
    for gp in good_practices {
        owners
            .entry((gp.lang.as_str(), gp.project.url.as_str()))
            .or_default()
            .push(gp);
    }
    let owned = of_versions(projects, translations, owners);
    changed(
        projects.iter().chain(translations),
        owned.iter().map(Vec::as_slice),
        |p| &p.good_practices,
        |r, g| r.name == g.name && r.url == g.url,
        |g| GoodPracticeRef {
            name: g.name.clone(),
            url: g.url.clone(),
        },
    )
}

/// For each of `models`, the list that `wanted` gives it, made by `own` only
/// if it differs from the one there (`get`), as `same` compares their items;
/// None where it is that already.
fn changed<'m, T: 'm, V, W>(
    models: impl Iterator<Item = &'m Arc<T>>,
    wanted: impl Iterator<Item = &'m [W]>,
    get: fn(&T) -> &Vec<V>,
    same: fn(&V, &W) -> bool,
    own: fn(&W) -> V,
) -> Vec<Option<Vec<V>>>
where
    W: 'm,
{
    models
        .zip(wanted)
        .map(|(model, wanted)| {
            let there = get(model);
            let unchanged =
                there.len() == wanted.len() && there.iter().zip(wanted).all(|(v, w)| same(v, w));
            (!unchanged).then(|| wanted.iter().map(own).collect())
        })
        .collect()
}

/// Gives each of `models` its list from `changed` (see [`changed`]), where it
/// has one, in the part `get_mut` writes: a model shared with the checks
/// `serve` keeps is copied only when what links it to other pages changed.
fn apply<'m, T: Clone + 'm, V>(
    models: impl Iterator<Item = &'m mut Arc<T>>,
    changed: Vec<Option<Vec<V>>>,
    get_mut: fn(&mut T) -> &mut Vec<V>,
) {
    for (model, list) in models.zip(changed) {
        if let Some(list) = list {
            *get_mut(Arc::make_mut(model)) = list;
        }
    }
}

/// For each project and then each translation, what `by_url` holds for its
/// language and any of its versions' addresses.
fn of_versions<'a, V>(
    projects: &'a [Arc<Project>],
    translations: &'a [Arc<Project>],
    mut by_url: HashMap<(&'a str, &'a str), Vec<V>>,
) -> Vec<Vec<V>> {
    (projects.iter().chain(translations))
        .map(|p| {
            (p.versions.iter())
                .filter_map(|v| by_url.remove(&(p.lang.as_str(), v.url.as_str())))
                .flatten()
                .collect()
        })
        .collect()
}

/// The language versions of pages that share a slug, given as (slug, language,
/// URL), each list of (language, URL) in the order of the site's languages.
fn versions_by_slug<'a>(
    pages: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    languages: &[String],
) -> HashMap<&'a str, Vec<(&'a str, &'a str)>> {
    let mut versions: HashMap<&str, Vec<(&str, &str)>> = HashMap::default();
    for (slug, lang, url) in pages {
        versions.entry(slug).or_default().push((lang, url));
    }
    for list in versions.values_mut() {
        list.sort_by_key(|(lang, _)| languages.iter().position(|l| l == lang));
    }
    versions
}

fn same_version(version: &Alternate, (lang, url): &(&str, &str)) -> bool {
    version.lang == *lang && version.url == *url
}

fn version((lang, url): &(&str, &str)) -> Alternate {
    Alternate {
        lang: lang.to_string(),
        url: url.to_string(),
    }
}

/// For every project and then every translation, the news of its bundle in
/// its language; and for every news item, its language versions (items of the
/// same file name). Both as [`changed`] gives them.
fn news_lists(
    news: &[Arc<News>],
    projects: &[Arc<Project>],
    translations: &[Arc<Project>],
    languages: &[String],
) -> NewsLists {
    let items = news.iter().map(|n| (&*n.slug, &*n.lang, &*n.url));
    let versions = versions_by_slug(items, languages);
    let mut by_project: HashMap<(&str, &str), Vec<&News>> = HashMap::default();
    for n in news.iter() {
        if let Some(project) = &n.project {
            by_project
                .entry((n.lang.as_str(), project.url.as_str()))
                .or_default()
                .push(n);
        }
    }
    let owned = of_versions(projects, translations, by_project);
    let of_projects = changed(
        projects.iter().chain(translations.iter()),
        owned.iter().map(Vec::as_slice),
        |p| &p.news,
        |r, n| r.title == n.title && r.url == n.url && r.kind == n.kind && r.date == n.date,
        |n| NewsRef {
            title: n.title.clone(),
            url: n.url.clone(),
            kind: n.kind,
            date: n.date,
        },
    );
    let wanted = news.iter().map(|n| versions[n.slug.as_str()].as_slice());
    let of_news = changed(news.iter(), wanted, |n| &n.versions, same_version, version);
    (of_projects, of_news)
}

/// What [`news_lists`] gives: the projects' news, the news items' versions.
type NewsLists = (Vec<Option<Vec<NewsRef>>>, Vec<Option<Vec<Alternate>>>);

/// The example site, loaded and validated, for the unit tests of validation.
#[cfg(test)]
fn example() -> (Loaded, Site) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = jiff::civil::date(2026, 11, 23);
    let domain = crate::domain::load(root).unwrap();
    let (config, _) = crate::config::load(root, None, today, &domain).unwrap();
    let (loaded, validated) = crate::content::read(root, config, &domain, today, false);
    (loaded, validated.site)
}
