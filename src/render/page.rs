//! One page through its template: what each kind of page puts in the template
//! context. [`Pages`] holds what many pages share (statement addresses, the
//! listings by language), so one page can be rendered alone when `serve`
//! re-renders only what an edit touched.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use serde::Serialize;
use tera::{Context, Value};

use super::fields::Fields;
use super::pager::{self, Pager};
use super::theme::Theme;
use super::{Output, json_ld, taxonomy};
use crate::config::Config;
use crate::content::dates::PartialDate;
use crate::content::model::{
    Alternate, Duration, GoodPractice, Image, News, NewsKind, Project, ProjectRef, Site, Status,
};
use crate::content::people::Person;
use crate::content::urls;
use crate::diagnostic::Diagnostic;

/// A page to render.
pub enum Job<'a> {
    Home(&'a str),
    /// Language index, taxonomy index.
    TaxonomyIndex(usize, usize),
    /// Language index, taxonomy index, term index, page number (from 1).
    Term(usize, usize, usize, usize),
    /// Every project grouped by region, printable (language index).
    Overview(usize),
    Statement(&'a str),
    Project(&'a Project),
    /// The good practices of one language (page number from 1).
    GoodPracticeIndex(&'a str, usize),
    GoodPractice(usize),
    /// The news of one language, newest first (page number from 1).
    NewsIndex(&'a str, usize),
    NewsItem(usize),
    /// The search page (language), when the site has search.
    Search(&'a str),
    Contacts,
    NotFound,
}

impl Job<'_> {
    /// Whether the page lists what the whole site holds, so that an edit to
    /// any page may change it.
    pub fn reads_the_site(&self) -> bool {
        matches!(
            self,
            Job::Home(_)
                | Job::TaxonomyIndex(..)
                | Job::Term(..)
                | Job::Overview(_)
                | Job::GoodPracticeIndex(..)
                | Job::NewsIndex(..)
                | Job::Contacts
        )
    }

    /// Which page of its listing the page is: 1 for a page not split.
    fn page_number(&self) -> usize {
        match self {
            Job::Term(.., page) | Job::GoodPracticeIndex(_, page) | Job::NewsIndex(_, page) => {
                *page
            }
            _ => 1,
        }
    }
}

/// A page in `sitemap.xml`, with its language versions.
#[derive(Serialize, PartialEq, Eq)]
pub struct SitemapEntry {
    pub loc: String,
    pub alternates: Vec<Version>,
}

/// A language version of a page, for links between versions.
#[derive(Clone, Serialize, PartialEq, Eq)]
pub struct Version {
    lang: String,
    url: String,
    /// The absolute address, for `<link rel="alternate">`.
    href: String,
    name: String,
}

/// The home page lists every project with its key facts, not its whole text.
#[derive(Serialize)]
struct ProjectSummary<'a> {
    /// The version's language: listings mark projects not yet translated.
    lang: &'a str,
    name: &'a str,
    url: &'a str,
    code: Option<&'a str>,
    status: Status,
    duration: &'a Duration,
    region: Option<&'a str>,
    administrator: Option<&'a str>,
    implementers: &'a [String],
    target_groups: &'a [String],
    summary: Option<&'a str>,
    main_goal: Option<&'a str>,
    image: Option<&'a Image>,
}

impl<'a> From<&'a Project> for ProjectSummary<'a> {
    fn from(p: &'a Project) -> Self {
        ProjectSummary {
            lang: &p.lang,
            name: &p.name,
            url: &p.url,
            code: p.code.as_deref(),
            status: p.status,
            duration: &p.duration,
            region: p.region.as_deref(),
            administrator: p.administrator.as_deref(),
            implementers: &p.implementers,
            target_groups: &p.target_groups,
            summary: p.summary.as_deref(),
            main_goal: p.goals.main.as_deref(),
            image: p.image.as_ref(),
        }
    }
}

/// A project's contact people as `/contacts/` lists them: (name, vCard URL).
#[derive(Serialize)]
struct ProjectContacts<'a> {
    name: &'a str,
    url: &'a str,
    contacts: Vec<(&'a str, Option<&'a str>)>,
}

/// A good practice as its listing shows it: its facts, without its text.
#[derive(Serialize)]
struct GoodPracticeSummary<'a> {
    name: &'a str,
    url: &'a str,
    summary: Option<&'a str>,
    region: Option<&'a str>,
    target_groups: &'a [String],
    topics: &'a [String],
    project: &'a ProjectRef,
}

impl<'a> From<&'a GoodPractice> for GoodPracticeSummary<'a> {
    fn from(g: &'a GoodPractice) -> Self {
        GoodPracticeSummary {
            name: &g.name,
            url: &g.url,
            summary: g.summary.as_deref(),
            region: g.region.as_deref(),
            target_groups: &g.target_groups,
            topics: &g.topics,
            project: &g.project,
        }
    }
}

/// A news item as listings show it: without its text.
#[derive(Serialize)]
struct NewsSummary<'a> {
    title: &'a str,
    url: &'a str,
    kind: NewsKind,
    date: PartialDate,
    author: Option<&'a str>,
    summary: Option<&'a str>,
    project: Option<&'a ProjectRef>,
}

impl<'a> From<&'a News> for NewsSummary<'a> {
    fn from(n: &'a News) -> Self {
        NewsSummary {
            title: &n.title,
            url: &n.url,
            kind: n.kind,
            date: n.date,
            author: n.author.as_deref(),
            summary: n.summary.as_deref(),
            project: n.project.as_ref(),
        }
    }
}

/// A project as listings in one language show it.
#[derive(Clone)]
pub struct Card {
    /// What the card's template read.
    summary: Value,
    /// The summary with the rendered card and overview entry, as listings read it.
    listed: Value,
    /// Only the rendered overview entry, as the overview reads it: the
    /// overview shows no fact its entries do not, so an edit to one that
    /// leaves every entry as it was (a summary, say) leaves the overview so.
    entry: Value,
}

/// Each language's cards by project URL.
pub type Cards = Vec<foldhash::HashMap<String, Card>>;

/// The theme's template of a project's card in listings.
const CARD_TEMPLATE: &str = "partials/project-card.html";
/// The theme's template of a project's entry on the overview page.
const OVERVIEW_ENTRY_TEMPLATE: &str = "partials/overview-entry.html";

/// What a site's overview template that reads what its entries have not is told.
const OVERVIEW_HINT: &str = "the overview shows each project as `p.overview_entry` only: show its facts in partials/overview-entry.html, which sees all of `p`";

/// What the indexes of good practices and news list in one language.
struct Indexes<'a> {
    good_practices: Vec<&'a GoodPractice>,
    /// The default language's good practices not yet in this one, listed
    /// after its own, marked as in the default language.
    untranslated: Vec<&'a GoodPractice>,
    /// Newest first.
    news: Vec<&'a News>,
}

/// A status on the home page: its first page of projects (added as
/// `projects`), how many it has, and the address of its own pages.
#[derive(Serialize)]
struct Group {
    status: Status,
    count: usize,
    url: String,
}

/// How many news items the home page shows.
const HOME_NEWS: usize = 3;

/// A term of a taxonomy as its index lists it.
#[derive(Serialize)]
struct TermLink<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

/// What social media and search engines show of a page (Open Graph).
#[derive(Serialize)]
struct Meta<'a> {
    kind: &'static str,
    title: &'a str,
    description: Option<&'a str>,
    /// Absolute URL of the image, and its alt text.
    image: Option<(String, &'a str)>,
}

/// The last build's pages of one item (a project, good practice or news
/// item) by language and slug, to tell which pages of this build would come out
/// as they did. Each lookup is made when first needed: the pages of items
/// nothing changed are found by their models' addresses instead.
pub struct Since<'a> {
    site: &'a Site,
    projects: OnceLock<ByKey<'a, Project>>,
    good_practices: OnceLock<ByKey<'a, GoodPractice>>,
    news: OnceLock<ByKey<'a, News>>,
    people: OnceLock<foldhash::HashMap<&'a str, &'a Person>>,
    remembered: &'a Remembered,
    /// The last build's listing cards, taken from what it remembered: the
    /// new cards are these, with the ones made again put in.
    cards: std::sync::Mutex<Cards>,
    /// Where the last build put its items' pages, taken from what it
    /// remembered: the new render's are these, with the pages made again put in.
    placed: foldhash::HashMap<usize, Placed>,
    /// The last build's listings, taken from what it remembered: those of
    /// the pages left as they were move to the new render's.
    listings: Listings,
    /// The buffers of the files the last edit replaced, by path, each to be
    /// taken once.
    spares: std::sync::Mutex<HashMap<String, Vec<u8>>>,
}

/// Models by language and slug.
type ByKey<'a, T> = foldhash::HashMap<(&'a str, &'a str), &'a T>;

/// What the template of each listing (a page that reads the whole site) read,
/// by the page's file: a listing whose template would read the same again is
/// left as it was.
pub type Listings = HashMap<String, Listing>;

/// What a listing's template read, and the size of the page it made.
#[derive(Clone)]
pub struct Listing {
    pub fields: Fields,
    pub size: usize,
    /// For a term's page, what it showed (see [`Pages::shown`]).
    pub shown: Option<Shown>,
}

/// The projects on a page of a term, by the address of their models, with
/// the term's name and size: all else the page reads follows from its path.
/// A model kept from one build to the next is the same allocation, and
/// [`Remembered::models`] keeps the models named here, so the same addresses
/// are the same models, and they make the same cards.
#[derive(Clone, PartialEq)]
pub struct Shown {
    name: String,
    count: usize,
    models: Vec<usize>,
}

/// What a render for `serve` keeps for the next one, so that an edit renders
/// again only what it changed.
#[derive(Default)]
pub struct Remembered {
    pub listings: Listings,
    pub cards: Cards,
    /// The entries of `sitemap.xml` (which `robots.txt` also reads) in the
    /// order of the pages' jobs. Shared with [`Remembered::placed`], so the
    /// entries of pages left as they were compare by address.
    pub sitemap: Vec<Arc<SitemapEntry>>,
    /// Where the page of each project, good practice and news item went, by
    /// the address of its model, which `models` and `items` hold.
    pub placed: foldhash::HashMap<usize, Placed>,
    /// Each project's entries in the open data files.
    pub open_data: super::open_data::Entries,
    /// What each feed was made of.
    pub feeds: super::feed::Made,
    /// How each language's projects were grouped by taxonomy.
    pub groupings: Vec<Arc<taxonomy::Grouping>>,
    /// Every project and translation of the site rendered: the models the
    /// listings' [`Shown`] name by address. Held here, each address stays its
    /// model's (no other allocation can take it), and the model stays as it
    /// was (shared, it is copied before any change).
    pub models: Vec<Arc<Project>>,
    /// Every good practice and news item rendered, held as `models` are.
    pub items: (Vec<Arc<GoodPractice>>, Vec<Arc<News>>),
    /// The pages of terms, in the order of their jobs, which is the same
    /// while the groupings are.
    pub terms: Vec<Option<TermPage>>,
    /// The files the last build replaced (set by `serve` once the new files
    /// are in place): their buffers, already in the process's memory, take
    /// the next versions of the largest files without the cost of fresh memory.
    pub spares: Vec<super::Output>,
}

/// A page of a term: its file, its sitemap entry, and the projects it showed
/// by the address of their models (as [`Shown`] has them).
#[derive(Clone)]
pub struct TermPage {
    pub file: Arc<str>,
    pub entry: Option<Arc<SitemapEntry>>,
    models: Arc<[usize]>,
}

impl TermPage {
    pub fn new(file: &str, entry: Option<Arc<SitemapEntry>>, listing: &Listing) -> Option<Self> {
        Some(TermPage {
            file: file.into(),
            entry,
            models: listing.shown.as_ref()?.models.as_slice().into(),
        })
    }
}

/// The file of an item's page and its sitemap entry.
#[derive(Clone)]
pub struct Placed {
    /// Shared, not copied, by each render that leaves the page as it was.
    pub file: Arc<str>,
    pub entry: Option<Arc<SitemapEntry>>,
}

impl<'a> Since<'a> {
    /// The last build's site and what its render remembered (but its
    /// listing cards, its items' places, its listings and its spare buffers,
    /// which the new render takes).
    pub fn new(last: &'a Site, remembered: &'a mut Remembered) -> Self {
        let cards = std::sync::Mutex::new(std::mem::take(&mut remembered.cards));
        Since {
            cards,
            placed: std::mem::take(&mut remembered.placed),
            listings: std::mem::take(&mut remembered.listings),
            spares: std::sync::Mutex::new(
                (remembered.spares.drain(..))
                    .map(|file| (file.path, file.bytes))
                    .collect(),
            ),
            site: last,
            projects: OnceLock::new(),
            good_practices: OnceLock::new(),
            news: OnceLock::new(),
            people: OnceLock::new(),
            remembered,
        }
    }

    /// The last build's project or translation in `lang` of `slug`.
    fn project(&self, lang: &str, slug: &str) -> Option<&'a Project> {
        let last = self.site;
        let models = || last.projects.iter().chain(&last.translations);
        let by_key = self
            .projects
            .get_or_init(|| by_key(models(), |p| (&p.lang, &p.slug)));
        by_key.get(&(lang, slug)).copied()
    }

    /// The last build's good practice in `lang` of `slug`.
    fn good_practice(&self, lang: &str, slug: &str) -> Option<&'a GoodPractice> {
        let models = self.site.good_practices.iter();
        let by_key = (self.good_practices).get_or_init(|| by_key(models, |g| (&g.lang, &g.slug)));
        by_key.get(&(lang, slug)).copied()
    }

    /// The last build's news item in `lang` of `slug`.
    fn news_item(&self, lang: &str, slug: &str) -> Option<&'a News> {
        let models = self.site.news.iter();
        let by_key = self
            .news
            .get_or_init(|| by_key(models, |n| (&n.lang, &n.slug)));
        by_key.get(&(lang, slug)).copied()
    }

    /// What the template of the listing in `file` read in the last build,
    /// and the size of the page.
    pub fn listing(&self, file: &str) -> Option<&Listing> {
        self.listings.get(file)
    }

    /// The last build's `k`th page of a term.
    pub fn term_page(&self, k: usize) -> Option<&TermPage> {
        self.remembered.terms.get(k)?.as_ref()
    }

    /// Whether `project` is the last build's own model (see `Site`), whose
    /// page it rendered.
    pub fn has(&self, project: &Project) -> bool {
        self.placed(std::ptr::from_ref(project) as usize).is_some()
    }

    /// What the last build's feeds were made of.
    pub fn feeds(&self) -> &super::feed::Made {
        &self.remembered.feeds
    }

    /// The last build's entries of the open data files.
    pub fn open_data(&self) -> &super::open_data::Entries {
        &self.remembered.open_data
    }

    /// An empty buffer for the file at `path`: the memory of the version the
    /// last edit replaced, if it did.
    pub fn spare(&self, path: &str) -> Vec<u8> {
        let mut spares = self.spares.lock().unwrap_or_else(|e| e.into_inner());
        let mut bytes = spares.remove(path).unwrap_or_default();
        bytes.clear();
        bytes
    }

    /// The last build's listing cards, to be taken once.
    fn take_cards(&self) -> Cards {
        let mut cards = self.cards.lock().unwrap_or_else(|e| e.into_inner());
        std::mem::take(&mut *cards)
    }

    /// The last build's sitemap entries.
    pub fn sitemap(&self) -> &[Arc<SitemapEntry>] {
        &self.remembered.sitemap
    }

    /// Where the last build put the page of the item whose model is at
    /// `address` (see [`Pages::item`]): a model at an address the last build
    /// rendered is that very model, unchanged, and so is its page.
    pub fn placed(&self, address: usize) -> Option<&Placed> {
        self.placed.get(&address)
    }

    /// How many item pages the last build placed.
    pub fn placed_count(&self) -> usize {
        self.placed.len()
    }

    /// The places of the last build's item pages and its listings, for the
    /// new render to take.
    pub fn into_kept(self) -> (foldhash::HashMap<usize, Placed>, Listings) {
        (self.placed, self.listings)
    }

    /// The last build's site.
    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// Whether the last build had this very person, and so the same vCard.
    pub fn same_person(&self, person: &Person) -> bool {
        let people = (self.people).get_or_init(|| {
            self.site
                .people
                .iter()
                .map(|p| (p.slug.as_str(), p))
                .collect()
        });
        people.get(person.slug.as_str()) == Some(&person)
    }
}

/// `models` by the language and slug `key` gives.
fn by_key<'a, T: 'a>(
    models: impl Iterator<Item = &'a Arc<T>>,
    key: fn(&'a T) -> (&'a String, &'a String),
) -> ByKey<'a, T> {
    models
        .map(|m| {
            let (lang, slug) = key(m);
            ((lang.as_str(), slug.as_str()), &**m)
        })
        .collect()
}

/// What the pages of one render share.
pub struct Pages<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// The accessibility statement's path in each language.
    pub statements: BTreeMap<&'a str, String>,
    statement_versions: Vec<Version>,
    /// Each language's projects grouped by taxonomy; made on first use, so
    /// rendering one project page does not group the whole site.
    listings: OnceLock<Vec<(&'a str, Vec<taxonomy::Taxonomy<'a>>)>>,
    /// How the listings were grouped, made with them.
    groupings: OnceLock<Vec<Arc<taxonomy::Grouping>>>,
    /// For each language, the projects a listing in it may show, by URL: the
    /// summary as a template value, and the summary with its card rendered.
    /// Made once, before the listings render, then shared by every listing.
    listed: OnceLock<Cards>,
    /// For each language, whether every overview entry is as in the last
    /// build: made with the cards.
    same_entries: OnceLock<Vec<bool>>,
    /// For each language, whether its projects are the last build's, in
    /// the same order: found with the grouping.
    in_order: OnceLock<Vec<bool>>,
    /// What the indexes of good practices and news list in each language.
    indexes: OnceLock<Vec<Indexes<'a>>>,
    /// Whether the good practices, and the news, are as in the last build:
    /// found once for the hundreds of pages of their indexes.
    same_as_last: OnceLock<(bool, bool)>,
    /// The UI strings of each language as a template value, made once.
    strings: HashMap<&'a str, Value>,
}

impl<'a> Pages<'a> {
    /// Sets the theme's global context (the site, the build date) and prepares
    /// what pages share.
    pub fn new(site: &'a Site, theme: &'a mut Theme) -> Self {
        let config = &site.config;
        let global = theme.tera.global_context();
        global.insert("site", config);
        global.insert("today", &PartialDate::from_iso(&site.today.to_string()));
        let theme: &Theme = theme;
        let statements: BTreeMap<&str, String> = match &config.accessibility {
            Some(_) => config
                .languages
                .iter()
                .map(|lang| (lang.as_str(), statement_path(theme, config, lang)))
                .collect(),
            None => BTreeMap::new(),
        };
        let statement_versions = statements
            .iter()
            .map(|(lang, path)| Version {
                lang: lang.to_string(),
                url: format!("{}{path}", config.base_path),
                href: format!("{}{path}", config.base_url),
                name: string(theme, lang, "native_name"),
            })
            .collect();
        let strings = theme.string_values();
        Pages {
            site,
            theme,
            statements,
            statement_versions,
            listings: OnceLock::new(),
            groupings: OnceLock::new(),
            listed: OnceLock::new(),
            same_entries: OnceLock::new(),
            in_order: OnceLock::new(),
            indexes: OnceLock::new(),
            same_as_last: OnceLock::new(),
            strings,
        }
    }

    /// Each language's projects grouped by taxonomy.
    fn listings(&self) -> &[(&'a str, Vec<taxonomy::Taxonomy<'a>>)] {
        self.listings.get_or_init(|| self.group(None))
    }

    /// Groups each language's projects by taxonomy, as `last` did where every
    /// project has the terms the one in its place had there. Call before
    /// anything asks for the listings.
    pub fn group_since(&self, last: Option<&Since>) {
        self.listings.get_or_init(|| self.group(last));
    }

    fn group(&self, last: Option<&Since>) -> Vec<(&'a str, Vec<taxonomy::Taxonomy<'a>>)> {
        let site = self.site;
        let (lists, was) = rayon::join(
            || in_languages(site),
            || last.map(|last| (in_languages(last.site), &last.remembered.groupings)),
        );
        let groupings: Vec<Arc<taxonomy::Grouping>> = (lists.par_iter().enumerate())
            .map(|(l, projects)| {
                let kept = was.as_ref().and_then(|(lists, groupings)| {
                    let (list, grouping) = (lists.get(l)?, groupings.get(l)?);
                    let same = list.len() == projects.len()
                        && (list.iter().zip(projects)).all(|(a, b)| taxonomy::same_terms(a, b));
                    same.then(|| Arc::clone(grouping))
                });
                kept.unwrap_or_else(|| Arc::new(taxonomy::group(projects)))
            })
            .collect();
        let listings = (site.config.languages.par_iter().zip(&lists).zip(&groupings))
            .map(|((lang, projects), grouping)| (lang.as_str(), grouping.taxonomies(projects)))
            .collect();
        let _ = self.groupings.set(groupings);
        // The same projects in the same order, by address where nothing changed.
        let in_order = (lists.iter().enumerate())
            .map(|(l, projects)| {
                was.as_ref()
                    .and_then(|(lists, _)| lists.get(l))
                    .is_some_and(|list| {
                        list.len() == projects.len()
                            && (list.iter().zip(projects))
                                .all(|(a, b)| std::ptr::eq(*a, *b) || a.url == b.url)
                    })
            })
            .collect();
        let _ = self.in_order.set(in_order);
        listings
    }

    /// How each language's projects were grouped, for the next render.
    pub fn groupings(&self) -> Vec<Arc<taxonomy::Grouping>> {
        self.groupings.get().cloned().unwrap_or_default()
    }

    /// Renders the card of every project a listing may show, in every language:
    /// each card once, though a project is listed on many pages. Call before
    /// rendering listings (not lazily inside a parallel render, where a thread
    /// waiting on another's initialisation could be handed a listing to render).
    /// A card whose project is the `last` build's own, or whose summary is as
    /// it was there, is taken from there: the last build's cards are copied
    /// and only the others made and put in.
    pub fn prepare_listings(&self, last: Option<&Since>) -> Result<(), Vec<Diagnostic>> {
        let site = self.site;
        let languages = &site.config.languages;
        // A listing in a language shows the originals and its own translations.
        let versions: Vec<(&Project, bool)> = (site.projects.iter().map(|p| (&**p, true)))
            .chain(site.translations.iter().map(|t| (&**t, false)))
            .collect();
        let n = languages.len();
        let in_language =
            |l: usize, p: &Project, original: bool| original || languages[l] == p.lang;
        // The last build's cards hold one for each of its projects' versions
        // in each language it is listed in.
        let last_cards = last.map(Since::take_cards).filter(|cards| cards.len() == n);
        // The cards not as in the last build, made again.
        let made: Vec<_> = versions
            .par_iter()
            .flat_map_iter(|&(p, original)| {
                // The very model the last build had has its cards.
                let same = last_cards.is_some() && last.is_some_and(|last| last.has(p));
                // Made only if a card needs it.
                let summary = OnceLock::new();
                let summary = move || {
                    summary
                        .get_or_init(|| Value::from_serializable(&ProjectSummary::from(p)))
                        .clone()
                };
                let last_cards = &last_cards;
                (0..n)
                    .filter(move |&l| !same && in_language(l, p, original))
                    .filter_map(move |l| {
                        let was = last_cards.as_ref().and_then(|c| c[l].get(p.url.as_str()));
                        match was {
                            Some(card) if card.summary == summary() => None,
                            _ => Some((l, p, self.listed_value(&languages[l], summary()))),
                        }
                    })
            })
            .collect();
        let mut same_entries = vec![last_cards.is_some(); n];
        let mut listed = last_cards.unwrap_or_else(|| vec![foldhash::HashMap::default(); n]);
        let mut diagnostics = Vec::new();
        for (l, p, card) in made {
            match card {
                Ok(card) => {
                    let entry = card.entry.clone();
                    let was = listed[l].insert(p.url.clone(), card);
                    same_entries[l] &= was.is_some_and(|was| was.entry == entry);
                }
                Err(d) => diagnostics.push(d),
            }
        }
        if !diagnostics.is_empty() {
            return Err(super::unique(diagnostics));
        }
        // A language with more cards than versions has cards of projects gone since.
        for (l, cards) in listed.iter_mut().enumerate() {
            let now = || {
                (versions.iter())
                    .filter(move |&&(p, original)| in_language(l, p, original))
                    .map(|(p, _)| p.url.as_str())
            };
            if cards.len() != now().count() {
                same_entries[l] = false;
                let now: foldhash::HashSet<&str> = now().collect();
                cards.retain(|url, _| now.contains(url.as_str()));
            }
        }
        self.listed.get_or_init(|| listed);
        self.same_entries.get_or_init(|| same_entries);
        Ok(())
    }

    /// A project as a listing in `lang` shows it: its summary, its card and
    /// its facts on the overview page (made once, as the card is: the overview
    /// lists every project).
    fn listed_value(&self, lang: &str, summary: Value) -> Result<Card, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        ctx.insert_value("t", self.strings[lang].clone());
        ctx.insert_value("p", summary.clone());
        let render = |template| {
            let html = self.theme.tera.render(template, &ctx);
            html.map(|h| Value::safe_string(&h))
                .map_err(|e| self.theme.diagnose(&e))
        };
        let overview_entry = render(OVERVIEW_ENTRY_TEMPLATE)?;
        let mut entry = tera::Map::new();
        entry.insert("overview_entry".into(), overview_entry.clone());
        let mut map = summary.clone().into_map().expect("a summary is a map");
        map.insert("card".into(), render(CARD_TEMPLATE)?);
        map.insert("overview_entry".into(), overview_entry);
        Ok(Card {
            summary,
            listed: Value::from(map),
            entry: Value::from(entry),
        })
    }

    /// The listing cards, for the next render or to be freed on another
    /// thread: at 10,000 projects freeing them takes about 0.1 s.
    pub fn into_cards(self) -> Cards {
        self.listed.into_inner().unwrap_or_default()
    }

    /// `projects` as a listing in `lang` shows them.
    fn listed(&self, lang: &str, projects: impl Iterator<Item = &'a Project>) -> Value {
        self.cards_of(lang, projects, |card| &card.listed)
    }

    /// `projects` as the overview in `lang` shows them: their entries.
    fn entries(&self, lang: &str, projects: impl Iterator<Item = &'a Project>) -> Value {
        self.cards_of(lang, projects, |card| &card.entry)
    }

    /// What `part` takes of the cards of `projects` in `lang`.
    fn cards_of(
        &self,
        lang: &str,
        projects: impl Iterator<Item = &'a Project>,
        part: fn(&Card) -> &Value,
    ) -> Value {
        let l = language_index(&self.site.config.languages, lang);
        let listed = &self
            .listed
            .get()
            .expect("listings prepared before rendering")[l];
        Value::from(
            projects
                .map(|p| part(&listed[p.url.as_str()]).clone())
                .collect::<Vec<_>>(),
        )
    }

    /// What the page of a term shows, to tell without preparing it whether it
    /// shows what it did; None for other pages.
    pub fn shown(&self, job: &Job<'a>) -> Option<Shown> {
        let Job::Term(l, t, i, page) = job else {
            return None;
        };
        let term = &self.taxonomy(*l, *t).1.terms[*i];
        let all = &term.projects;
        let shown = pager::range(*page, self.site.config.page_size, all.len());
        Some(Shown {
            name: term.name.clone(),
            count: all.len(),
            models: all[shown]
                .iter()
                .map(|&p| std::ptr::from_ref(p) as usize)
                .collect(),
        })
    }

    /// Whether every language's projects are grouped as in the `last` build,
    /// so that its pages of terms are these, in the same order.
    pub fn grouped_as(&self, last: &Since) -> bool {
        let was = &last.remembered.groupings;
        self.groupings.get().is_some_and(|now| {
            now.len() == was.len() && now.iter().zip(was).all(|(a, b)| Arc::ptr_eq(a, b))
        })
    }

    /// Whether `job`, a page of a term, shows the projects `was` showed, by
    /// the address of their models (what [`Pages::shown`] would give, made
    /// without it).
    pub fn shows(&self, job: &Job<'a>, was: &TermPage) -> bool {
        let Job::Term(l, t, i, page) = job else {
            return false;
        };
        let all = &self.taxonomy(*l, *t).1.terms[*i].projects;
        let shown = &all[pager::range(*page, self.site.config.page_size, all.len())];
        shown.len() == was.models.len()
            && (shown.iter().zip(was.models.iter()))
                .all(|(&p, &m)| std::ptr::from_ref(p) as usize == m)
    }

    /// Every page of the site.
    pub fn jobs(&self) -> Vec<Job<'a>> {
        let site = self.site;
        let size = site.config.page_size;
        let mut jobs = vec![Job::Contacts, Job::NotFound];
        for (l, (_, taxonomies)) in self.listings().iter().enumerate() {
            jobs.push(Job::Overview(l));
            for (t, taxonomy) in taxonomies.iter().enumerate() {
                jobs.push(Job::TaxonomyIndex(l, t));
                for (i, term) in taxonomy.terms.iter().enumerate() {
                    let pages = pager::count(term.projects.len(), size);
                    jobs.extend((1..=pages).map(|page| Job::Term(l, t, i, page)));
                }
            }
        }
        for lang in &site.config.languages {
            jobs.push(Job::Home(lang));
            let (good_practices, news) = self.index_pages(lang);
            jobs.extend((1..=good_practices).map(|page| Job::GoodPracticeIndex(lang, page)));
            jobs.extend((1..=news).map(|page| Job::NewsIndex(lang, page)));
            if site.config.search {
                jobs.push(Job::Search(lang));
            }
        }
        jobs.extend(self.statements.keys().map(|lang| Job::Statement(lang)));
        jobs.extend(
            site.projects
                .iter()
                .chain(&site.translations)
                .map(|p| Job::Project(p)),
        );
        jobs.extend((0..site.good_practices.len()).map(Job::GoodPractice));
        jobs.extend((0..site.news.len()).map(Job::NewsItem));
        jobs
    }

    /// The pages made from the Markdown file `source`: a project's or a good
    /// practice's page, in the language the file is written in.
    pub fn jobs_of(&self, source: &str) -> Vec<Job<'a>> {
        let site = self.site;
        let projects = site
            .projects
            .iter()
            .chain(&site.translations)
            .filter(|p| p.source == source)
            .map(|p| Job::Project(p));
        let good_practices = (site.good_practices.iter().enumerate())
            .filter(|(_, g)| g.source == source)
            .map(|(i, _)| Job::GoodPractice(i));
        projects.chain(good_practices).collect()
    }

    /// How many pages the indexes of good practices and of news have in `lang`.
    fn index_pages(&self, lang: &str) -> (usize, usize) {
        let indexes = self.indexes(lang);
        let size = self.site.config.page_size;
        let good_practices = indexes.good_practices.len() + indexes.untranslated.len();
        (
            pager::count(good_practices, size),
            pager::count(indexes.news.len(), size),
        )
    }

    /// What the indexes of good practices and news list in `lang`.
    fn indexes(&self, lang: &str) -> &Indexes<'a> {
        let site = self.site;
        let languages = &site.config.languages;
        let all = self.indexes.get_or_init(|| {
            languages
                .par_iter()
                .map(|lang| {
                    let (own, others): (Vec<_>, Vec<_>) = site
                        .good_practices
                        .iter()
                        .map(|g| &**g)
                        .partition(|g| &g.lang == lang);
                    let translated: HashSet<&str> = own.iter().map(|g| g.slug.as_str()).collect();
                    let untranslated = (others.into_iter())
                        .filter(|g| {
                            g.lang == site.config.language && !translated.contains(g.slug.as_str())
                        })
                        .collect();
                    Indexes {
                        good_practices: own,
                        untranslated,
                        news: site
                            .news
                            .iter()
                            .filter(|n| &n.lang == lang)
                            .map(|n| &**n)
                            .collect(),
                    }
                })
                .collect()
        });
        &all[language_index(languages, lang)]
    }

    fn versions_of(&self, alternates: &'a [Alternate]) -> Vec<Version> {
        let config = &self.site.config;
        alternates
            .iter()
            .map(|v| Version {
                lang: v.lang.clone(),
                url: v.url.clone(),
                href: config.absolute(&v.url),
                name: string(self.theme, &v.lang, "native_name"),
            })
            .collect()
    }

    pub fn theme(&self) -> &'a Theme {
        self.theme
    }

    /// Page `page` of `total` of the listing at `listing` in `lang`.
    fn pager(&self, lang: &str, listing: &str, page: usize, total: usize) -> Pager {
        let config = &self.site.config;
        let prefix = urls::language_prefix(lang, &config.language);
        Pager::new(
            &format!("{}{prefix}{listing}", config.base_path),
            page,
            total,
        )
    }

    fn term_url(&self, lang: &str, key: &str, slug: &str) -> String {
        let config = &self.site.config;
        format!(
            "{}{}",
            urls::language_prefix(lang, &config.language),
            urls::term(key, slug)
        )
    }

    /// The versions of page `page` of an index at `path`: every language's
    /// first page, and of the others those of the languages with as many
    /// pages (`pages` picks the index's count from `index_pages`).
    fn index_page_versions(
        &self,
        path: &str,
        lang: &str,
        page: usize,
        pages: impl Fn((usize, usize)) -> usize,
    ) -> Vec<Version> {
        let mut versions = self.in_every_language(path, lang);
        versions.retain(|v| pages(self.index_pages(&v.lang)) >= page);
        versions
    }

    /// Home and listing pages exist in every language of the site.
    fn in_every_language(&self, page_path: &str, lang: &str) -> Vec<Version> {
        let config = &self.site.config;
        let own = urls::language_prefix(lang, &config.language);
        let inner = page_path.strip_prefix(own.as_str()).unwrap_or(page_path);
        config
            .languages
            .iter()
            .map(|l| {
                let path = format!("{}{inner}", urls::language_prefix(l, &config.language));
                Version {
                    lang: l.clone(),
                    url: format!("{}{path}", config.base_path),
                    href: format!("{}{path}", config.base_url),
                    name: string(self.theme, l, "native_name"),
                }
            })
            .collect()
    }

    /// Whether `job`'s page would come out as it did in the build `last` came
    /// from, with the same settings and theme, judged by its model: the page
    /// of one item reads only that item and what every page shares. So are the
    /// listings that read one part of the site: the contacts page and the
    /// indexes of good practices and news. Other listings (see
    /// [`Job::reads_the_site`]) are judged by their context instead.
    pub fn unchanged(&self, job: &Job<'a>, last: &Since) -> bool {
        // A model nothing changed is the last build's own (see `Site`).
        fn same<T: PartialEq>(was: Option<&T>, now: &T) -> bool {
            was.is_some_and(|was| std::ptr::eq(was, now) || was == now)
        }
        let site = self.site;
        match job {
            Job::Project(p) => same(last.project(&p.lang, &p.slug), *p),
            Job::GoodPractice(i) => {
                let g = &site.good_practices[*i];
                same(last.good_practice(&g.lang, &g.slug), g)
            }
            Job::NewsItem(i) => {
                let n = &site.news[*i];
                same(last.news_item(&n.lang, &n.slug), n)
            }
            Job::Contacts => {
                // The projects' lists of contacts, with each project's name and address.
                let same_list = |p: &Project, was: &Project| {
                    p.name == was.name && p.url == was.url && p.contacts == was.contacts
                };
                let people =
                    Arc::ptr_eq(&site.people, &last.site.people) || site.people == last.site.people;
                people && same_models_by(&site.projects, &last.site.projects, same_list)
            }
            Job::GoodPracticeIndex(..) | Job::NewsIndex(..) => {
                let (good_practices, news) = *self.same_as_last.get_or_init(|| {
                    (
                        same_models(&site.good_practices, &last.site.good_practices),
                        same_models(&site.news, &last.site.news),
                    )
                });
                match job {
                    Job::NewsIndex(..) => news,
                    _ => good_practices,
                }
            }
            // The overview shows the entries in the projects' order, grouped:
            // the last build's grouping is kept where every project has the
            // terms it had.
            Job::Overview(l) => {
                let each = |flags: &OnceLock<Vec<bool>>| flags.get().is_some_and(|f| f[*l]);
                let grouped_so = (self.groupings.get().and_then(|now| now.get(*l)))
                    .zip(last.remembered.groupings.get(*l))
                    .is_some_and(|(now, was)| Arc::ptr_eq(now, was));
                each(&self.same_entries) && each(&self.in_order) && grouped_so
            }
            Job::Search(_) | Job::NotFound | Job::Statement(_) => true,
            _ => false,
        }
    }

    /// Where `job`'s page goes: its template, language, path and versions.
    fn place(&self, job: &Job<'a>) -> Place<'a> {
        let (site, theme) = (self.site, self.theme);
        let config = &site.config;
        let prefix = |l: &str| urls::language_prefix(l, &config.language);
        // A page in every language, at `path` under the language's prefix.
        let in_each = |template, l: &'a str, path: String| {
            (template, l, format!("{}{path}", prefix(l)), None)
        };
        let (template, lang, page_path, versions): (_, &str, _, _) = match job {
            Job::Home(l) => in_each("index.html", l, urls::home()),
            Job::Project(p) => (
                "project.html",
                &p.lang,
                format!("{}{}", prefix(&p.lang), urls::project(&p.slug)),
                Some(self.versions_of(&p.versions)),
            ),
            Job::GoodPracticeIndex(l, page) => {
                let path = urls::listing_page(&urls::good_practices(), *page);
                let (template, l, path, _) = in_each("good-practices.html", l, path);
                let versions = self.index_page_versions(&path, l, *page, |(gps, _)| gps);
                (template, l, path, Some(versions))
            }
            Job::GoodPractice(i) => {
                let gp = &site.good_practices[*i];
                let version = Version {
                    lang: gp.lang.clone(),
                    url: gp.url.clone(),
                    href: config.absolute(&gp.url),
                    name: string(theme, &gp.lang, "native_name"),
                };
                (
                    "good-practice.html",
                    &gp.lang,
                    format!("{}{}", prefix(&gp.lang), urls::good_practice(&gp.slug)),
                    Some(vec![version]),
                )
            }
            Job::NewsIndex(l, page) => {
                let path = urls::listing_page(&urls::news(), *page);
                let (template, l, path, _) = in_each("news.html", l, path);
                let versions = self.index_page_versions(&path, l, *page, |(_, news)| news);
                (template, l, path, Some(versions))
            }
            Job::Search(l) => in_each("search.html", l, urls::search()),
            Job::NewsItem(i) => {
                let item = &site.news[*i];
                (
                    "news-item.html",
                    &item.lang,
                    format!("{}{}", prefix(&item.lang), urls::news_item(&item.slug)),
                    Some(self.versions_of(&item.versions)),
                )
            }
            Job::TaxonomyIndex(l, t) => {
                let (l, taxonomy) = self.taxonomy(*l, *t);
                in_each("taxonomy.html", l, format!("{}/", taxonomy.key))
            }
            Job::Term(l, t, i, page) => {
                let (l, taxonomy) = self.taxonomy(*l, *t);
                let path = self.term_url(l, taxonomy.key, &taxonomy.terms[*i].slug);
                ("term.html", l, urls::listing_page(&path, *page), None)
            }
            Job::Overview(l) => in_each("overview.html", self.listings()[*l].0, urls::overview()),
            Job::Contacts => (
                "contacts.html",
                config.language.as_str(),
                urls::contacts(),
                Some(Vec::new()),
            ),
            Job::NotFound => (
                "404.html",
                config.language.as_str(),
                "404.html".to_string(),
                Some(Vec::new()),
            ),
            Job::Statement(l) => (
                "accessibility.html",
                l,
                self.statements[l].clone(),
                Some(self.statement_versions.clone()),
            ),
        };
        let versions = versions.unwrap_or_else(|| self.in_every_language(&page_path, lang));
        Place {
            template,
            lang,
            page_path,
            versions,
        }
    }

    /// A taxonomy of the listings in one language.
    fn taxonomy(&self, l: usize, t: usize) -> (&'a str, &taxonomy::Taxonomy<'a>) {
        let listings = self.listings();
        (listings[l].0, &listings[l].1[t])
    }

    /// What `job`'s template reads besides what every page has.
    fn fill(&self, job: &Job<'a>, ctx: &mut Fields) {
        let site = self.site;
        let config = &site.config;
        match job {
            Job::Home(l) => {
                let size = config.page_size;
                let in_language = site.projects.iter().chain(&site.translations);
                let own: Vec<&Project> =
                    in_language.filter(|p| p.lang == *l).map(|p| &**p).collect();
                // Each status with its first page of projects; the status's
                // own pages list them all.
                let mut groups = Vec::new();
                for status in Status::ALL {
                    let members: Vec<&Project> =
                        own.iter().copied().filter(|p| p.status == status).collect();
                    if members.is_empty() {
                        continue;
                    }
                    let group = Group {
                        status,
                        count: members.len(),
                        url: format!(
                            "{}{}",
                            config.base_path,
                            self.term_url(l, "status", status.code())
                        ),
                    };
                    let mut group =
                        (Value::from_serializable(&group).into_map()).expect("a group is a map");
                    let shown = self.listed(l, members.into_iter().take(size));
                    group.insert("projects".into(), shown);
                    groups.push(Value::from(group));
                }
                ctx.insert_value("groups", Value::from(groups));
                // Projects not translated yet are listed apart, marked as
                // being in the default language: text never falls back silently.
                let untranslated: Vec<&Project> = (site.projects.iter())
                    .filter(|p| p.lang != *l && !p.versions.iter().any(|v| v.lang == *l))
                    .map(|p| &**p)
                    .collect();
                ctx.insert("untranslated_count", &untranslated.len());
                let shown = untranslated.into_iter().take(size);
                ctx.insert_value("untranslated", self.listed(l, shown));
                let news = &self.indexes(l).news;
                let news: Vec<NewsSummary> =
                    news.iter().take(HOME_NEWS).map(|&n| n.into()).collect();
                ctx.insert("news", &news);
            }
            Job::Project(p) => {
                ctx.insert("project", p);
                ctx.insert("json_ld", &json_ld::project(p, config));
            }
            Job::GoodPracticeIndex(l, page) => {
                // The language's own good practices, then the untranslated,
                // run on from page to page.
                let Indexes {
                    good_practices: own,
                    untranslated,
                    ..
                } = self.indexes(l);
                let pages = self.index_pages(l).0;
                let shown = pager::range(*page, config.page_size, own.len() + untranslated.len());
                let part = |list: &[&'a GoodPractice], from: usize| {
                    let (start, end) = (
                        shown.start.saturating_sub(from),
                        shown.end.saturating_sub(from),
                    );
                    let summaries: Vec<GoodPracticeSummary> = list
                        [start.min(list.len())..end.min(list.len())]
                        .iter()
                        .map(|&g| g.into())
                        .collect();
                    summaries
                };
                ctx.insert("good_practices", &part(own, 0));
                ctx.insert("untranslated", &part(untranslated, own.len()));
                ctx.insert(
                    "pager",
                    &self.pager(l, &urls::good_practices(), *page, pages),
                );
            }
            Job::GoodPractice(i) => ctx.insert("good_practice", &site.good_practices[*i]),
            Job::NewsIndex(l, page) => {
                let news = &self.indexes(l).news;
                let pages = self.index_pages(l).1;
                let shown = pager::range(*page, config.page_size, news.len());
                let news: Vec<NewsSummary> = news[shown].iter().map(|&n| n.into()).collect();
                ctx.insert("news", &news);
                ctx.insert("pager", &self.pager(l, &urls::news(), *page, pages));
            }
            Job::NewsItem(i) => ctx.insert("news", &site.news[*i]),
            Job::TaxonomyIndex(l, t) => {
                let (l, taxonomy) = self.taxonomy(*l, *t);
                let terms: Vec<TermLink> = taxonomy
                    .terms
                    .iter()
                    .map(|term| TermLink {
                        name: &term.name,
                        url: format!(
                            "{}{}",
                            config.base_path,
                            self.term_url(l, taxonomy.key, &term.slug)
                        ),
                        count: term.projects.len(),
                    })
                    .collect();
                ctx.insert("taxonomy", taxonomy.key);
                ctx.insert("terms", &terms);
            }
            Job::Term(l, t, i, page) => {
                let (l, taxonomy) = self.taxonomy(*l, *t);
                let term = &taxonomy.terms[*i];
                let all = &term.projects;
                let shown = pager::range(*page, config.page_size, all.len());
                ctx.insert("taxonomy", taxonomy.key);
                ctx.insert("term", &term.name);
                ctx.insert("count", &all.len());
                ctx.insert_value("projects", self.listed(l, all[shown].iter().copied()));
                let listing = urls::term(taxonomy.key, &term.slug);
                let pages = pager::count(all.len(), config.page_size);
                ctx.insert("pager", &self.pager(l, &listing, *page, pages));
            }
            Job::Overview(l) => {
                let listings = self.listings();
                let (l, taxonomies) = (listings[*l].0, &listings[*l].1);
                let key = config.overview.group_by;
                let by = taxonomies
                    .iter()
                    .find(|t| t.key == key)
                    .expect("validated against the taxonomies");
                // Each group is [name, projects].
                let group =
                    |name: &str, projects: Value| Value::from(vec![Value::from(name), projects]);
                let mut groups: Vec<Value> = by
                    .terms
                    .iter()
                    .map(|term| group(&term.name, self.entries(l, term.projects.iter().copied())))
                    .collect();
                // Projects in no group last, under "" (the template names the group).
                let mut without = taxonomy::everyone(taxonomies)
                    .filter(|p| taxonomy::in_no_term(key, p))
                    .peekable();
                if without.peek().is_some() {
                    groups.push(group("", self.entries(l, without)));
                }
                ctx.insert("group_by", key);
                ctx.insert_value("groups", Value::from(groups));
            }
            Job::Contacts => {
                ctx.insert("organisations", &by_organisation(&site.people));
                let projects: Vec<ProjectContacts> = site
                    .projects
                    .iter()
                    .filter(|p| !p.contacts.is_empty())
                    .map(|p| ProjectContacts {
                        name: &p.name,
                        url: &p.url,
                        contacts: p
                            .contacts
                            .iter()
                            .map(|c| (c.name.as_str(), c.vcard.as_deref()))
                            .collect(),
                    })
                    .collect();
                ctx.insert("projects", &projects);
            }
            Job::Statement(_) => ctx.insert("statement", &config.accessibility),
            Job::Search(_) | Job::NotFound => {}
        }
    }

    /// Renders one page; the sitemap entry is None for pages not to list there.
    pub fn render(&self, job: &Job<'a>) -> Result<(Output, Option<Arc<SitemapEntry>>), Diagnostic> {
        let Prepared { place, fields } = self.prepare(job);
        self.render_prepared(job, &place, &fields.into_context(), None)
    }

    /// Where `job`'s page goes and everything its template reads.
    pub fn prepare(&self, job: &Job<'a>) -> Prepared<'a> {
        let site = self.site;
        let config = &site.config;
        let place = self.place(job);
        let lang = place.lang;
        let mut ctx = Fields::default();
        self.fill(job, &mut ctx);
        let prefix = urls::language_prefix(lang, &config.language);
        ctx.insert("lang", lang);
        ctx.insert_value("t", self.strings[lang].clone());
        ctx.insert("home_url", &format!("{}{prefix}", config.base_path));
        ctx.insert("versions", &place.versions);
        if let Some(path) = self.statements.get(lang) {
            ctx.insert("statement_url", &format!("{}{path}", config.base_path));
        }
        ctx.insert("page_path", &place.page_path);
        ctx.insert(
            "page_url",
            &format!("{}{}", config.base_path, place.page_path),
        );
        ctx.insert("meta", &meta(job, site));
        Prepared { place, fields: ctx }
    }

    /// Renders a page `prepare` made ready, with the context of its fields,
    /// into a buffer of `capacity` bytes if its size is known.
    pub fn render_prepared(
        &self,
        job: &Job<'a>,
        place: &Place<'a>,
        ctx: &Context,
        capacity: Option<usize>,
    ) -> Result<(Output, Option<Arc<SitemapEntry>>), Diagnostic> {
        let theme = self.theme;
        // Bytes, as they are written: `render` would check the UTF-8 Tera made.
        let mut html = Vec::with_capacity(capacity.unwrap_or(PAGE_SIZE_HINT));
        theme
            .tera
            .render_to(place.template, ctx, &mut html)
            .map_err(|e| match theme.diagnose(&e) {
                d if matches!(job, Job::Overview(_)) && d.message.contains("is not defined") => {
                    d.hint(OVERVIEW_HINT)
                }
                d => d,
            })?;
        if let Job::Project(p) = job
            && p.funding.as_ref().is_some_and(|f| f.eu.is_some())
            && !emblem_in_page_header(&html)
        {
            return Err(theme.missing_emblem(place.template, &p.name));
        }
        let output = Output {
            path: place.file(),
            bytes: html,
        };
        Ok((output, self.entry(job, place)))
    }

    /// For the page of a project, good practice or news item, the address
    /// of its model (see [`Remembered::placed`]).
    pub fn item(&self, job: &Job<'a>) -> Option<usize> {
        let site = self.site;
        match job {
            Job::Project(p) => Some(std::ptr::from_ref(*p) as usize),
            Job::GoodPractice(i) => Some(Arc::as_ptr(&site.good_practices[*i]) as usize),
            Job::NewsItem(i) => Some(Arc::as_ptr(&site.news[*i]) as usize),
            _ => None,
        }
    }

    /// The address of the model whose page the last build made where `job`'s
    /// item now goes: the item of the same language and slug.
    pub fn replaced(&self, job: &Job<'a>, last: &Since) -> Option<usize> {
        fn address<T>(model: &T) -> usize {
            std::ptr::from_ref(model) as usize
        }
        let site = self.site;
        match job {
            Job::Project(p) => last.project(&p.lang, &p.slug).map(address),
            Job::GoodPractice(i) => {
                let g = &site.good_practices[*i];
                last.good_practice(&g.lang, &g.slug).map(address)
            }
            Job::NewsItem(i) => {
                let n = &site.news[*i];
                last.news_item(&n.lang, &n.slug).map(address)
            }
            _ => None,
        }
    }

    /// The file of `job`'s page, and its sitemap entry, without rendering it.
    pub fn locate(&self, job: &Job<'a>) -> (String, Option<Arc<SitemapEntry>>) {
        let place = self.place(job);
        (place.file(), self.entry(job, &place))
    }

    /// The sitemap entry of a page at `place`.
    pub fn entry(&self, job: &Job<'a>, place: &Place<'a>) -> Option<Arc<SitemapEntry>> {
        let config = &self.site.config;
        // A listing's further pages are reached from its first.
        let listed = !matches!(job, Job::NotFound) && job.page_number() == 1;
        listed.then(|| {
            Arc::new(SitemapEntry {
                loc: format!("{}{}", config.base_url, place.page_path),
                alternates: if place.versions.len() > 1 {
                    place.versions.clone()
                } else {
                    Vec::new()
                },
            })
        })
    }
}

/// A page ready for its template.
pub struct Prepared<'a> {
    pub place: Place<'a>,
    /// Everything the template reads besides the theme's global context.
    pub fields: Fields,
}

impl Prepared<'_> {
    /// The page's file, relative to the output folder.
    pub fn path(&self) -> String {
        self.place.file()
    }
}

impl Place<'_> {
    /// The page's file, relative to the output folder.
    fn file(&self) -> String {
        urls::output_file(&self.page_path)
    }
}

/// Where a page goes and what frames it.
pub struct Place<'a> {
    template: &'static str,
    lang: &'a str,
    page_path: String,
    versions: Vec<Version>,
}

/// Room for a typical page, so its buffer seldom grows while Tera writes it.
const PAGE_SIZE_HINT: usize = 32 * 1024;

fn meta<'a>(job: &Job<'a>, site: &'a Site) -> Meta<'a> {
    let config = &site.config;
    match job {
        Job::Project(p) => Meta {
            kind: "article",
            title: &p.name,
            description: p.summary.as_deref().or(p.goals.main.as_deref()),
            image: p
                .image
                .as_ref()
                .map(|i| (config.absolute(&i.url), i.alt.as_str())),
        },
        Job::GoodPractice(i) => {
            let gp = &site.good_practices[*i];
            Meta {
                kind: "article",
                title: &gp.name,
                description: gp.summary.as_deref(),
                image: None,
            }
        }
        Job::NewsItem(i) => {
            let item = &site.news[*i];
            Meta {
                kind: "article",
                title: &item.title,
                description: item.summary.as_deref(),
                image: None,
            }
        }
        _ => Meta {
            kind: "website",
            title: &config.title,
            description: config.description.as_deref(),
            image: None,
        },
    }
}

/// Each language's projects as its listings show them: its own versions, and
/// the others in the default language.
fn in_languages(site: &Site) -> Vec<Vec<&Project>> {
    let translated: foldhash::HashMap<(&str, &str), &Project> = (site.translations.iter())
        .map(|t| ((t.lang.as_str(), t.slug.as_str()), &**t))
        .collect();
    let in_language = |lang: &str| {
        (site.projects.iter())
            .map(|p| {
                translated
                    .get(&(lang, p.slug.as_str()))
                    .copied()
                    .unwrap_or(p)
            })
            .collect()
    };
    site.config
        .languages
        .par_iter()
        .map(|l| in_language(l))
        .collect()
}

/// Whether two lists hold equal models, taking a model both share as equal
/// without looking inside.
fn same_models<T: PartialEq>(a: &[Arc<T>], b: &[Arc<T>]) -> bool {
    same_models_by(a, b, |x, y| x == y)
}

/// Whether two lists hold models that `same` finds alike, taking a model
/// both share as alike without looking inside.
pub(super) fn same_models_by<T>(a: &[Arc<T>], b: &[Arc<T>], same: impl Fn(&T, &T) -> bool) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| Arc::ptr_eq(x, y) || same(x, y))
}

fn language_index(languages: &[String], lang: &str) -> usize {
    (languages.iter().position(|x| x == lang)).expect("a site language")
}

fn string(theme: &Theme, lang: &str, key: &str) -> String {
    theme.text(lang, key).to_string()
}

/// `saavutettavuusseloste/` for the default language, `sv/tillganglighetsutlatande/`.
fn statement_path(theme: &Theme, config: &Config, lang: &str) -> String {
    let slug = crate::content::slug::slugify(&string(theme, lang, "statement_slug"));
    format!("{}{slug}/", urls::language_prefix(lang, &config.language))
}

/// People grouped by organisation (those without one last, under ""), each once.
fn by_organisation(people: &[Person]) -> Vec<(&str, Vec<&Person>)> {
    let mut groups: BTreeMap<&str, Vec<&Person>> = BTreeMap::new();
    for p in people {
        groups
            .entry(p.contact.organisation.as_deref().unwrap_or(""))
            .or_default()
            .push(p);
    }
    let mut out: Vec<_> = groups.into_iter().collect();
    out.sort_by_key(|(org, _)| (org.is_empty(), *org));
    out
}

/// Whether the EU emblem (marked `data-eu-emblem`) is in the page's own header,
/// the first `<header>` inside `<main>`, so it shows without scrolling.
fn emblem_in_page_header(html: &[u8]) -> bool {
    use memchr::memmem::find;
    let Some(main) = find(html, b"<main") else {
        return false;
    };
    let rest = &html[main..];
    let (Some(start), Some(end)) = (find(rest, b"<header"), find(rest, b"</header>")) else {
        return false;
    };
    find(&rest[start..end], b"data-eu-emblem").is_some()
}
