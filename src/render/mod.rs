//! Stage 3: the site model through the theme's templates into files in memory.
//! Nothing here touches the output folder; `write` does.

mod counterparts;
pub mod emblem;
pub mod feed;
pub mod fields;
pub mod format;
pub mod json_ld;
pub mod open_data;
pub mod page;
pub mod pager;
pub mod taxonomy;
pub mod theme;
pub mod vcard;

use std::sync::Arc;

use rayon::prelude::*;
use tera::Context;

use crate::content::model::{Asset, Site};
use crate::content::people::Person;
use crate::content::urls;
use crate::diagnostic::Diagnostic;
use page::{Job, Listings, Pages, TermPage};
pub use page::{Remembered, Since};
use theme::Theme;

/// One rendered file, at a path relative to the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    /// A rendered text, without the spare room its buffer grew (`serve` holds
    /// every file of the site: some 70,000 at 10,000 projects).
    pub fn text(path: String, text: String) -> Self {
        let mut bytes = text.into_bytes();
        bytes.shrink_to_fit();
        Output { path, bytes }
    }
}

/// Everything the write stage needs: rendered files and files to copy.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Sorted by path.
    pub files: Vec<Output>,
    pub copies: Vec<Asset>,
}

impl Rendered {
    /// The rendered file at `path`.
    pub fn file(&self, path: &str) -> Option<&Output> {
        self.position(path).map(|i| &self.files[i])
    }

    pub fn file_mut(&mut self, path: &str) -> Option<&mut Output> {
        self.position(path).map(|i| &mut self.files[i])
    }

    /// Adds files made from the rendered ones (the search index) or taken
    /// from the last build; files that come sorted by path are merged in
    /// linear time (the sort finds the two runs).
    pub fn add(&mut self, files: Vec<Output>) {
        self.files.extend(files);
        self.files.sort_by(|a, b| a.path.cmp(&b.path));
    }

    fn position(&self, path: &str) -> Option<usize> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
    }
}

/// What becomes of each file as it is rendered.
pub trait Sink: Sync {
    /// Takes a rendered file; gives it back if it is to stay in memory.
    fn take(&self, file: Output) -> Result<Option<Output>, Diagnostic>;
}

/// Renders every page and file of the site, handing each to `sink` as it is
/// made; the result holds the files the sink gave back.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    sink: &dyn Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    render_since(site, theme, sink, None, false).map(|made| made.rendered)
}

/// What a render for `serve` made: the files rendered, the files left out as
/// they were in the last build (to be taken from it), and what it remembers
/// for the next render.
pub struct Made {
    pub rendered: Rendered,
    pub unchanged: Vec<Arc<str>>,
    pub remembered: Remembered,
}

/// Renders the site for `serve`, which keeps what each listing's template read.
/// With `last` (an edit to content since, with the same settings and theme),
/// leaves out the pages that would come out as they did then.
pub fn render_kept(
    site: &Site,
    theme: &mut Theme,
    sink: &dyn Sink,
    last: Option<Since>,
) -> Result<Made, Vec<Diagnostic>> {
    render_since(site, theme, sink, last, true)
}

fn render_since(
    site: &Site,
    theme: &mut Theme,
    sink: &dyn Sink,
    since: Option<Since>,
    keep: bool,
) -> Result<Made, Vec<Diagnostic>> {
    let last = since.as_ref();
    let pages = Pages::new(site, theme);
    pages.group_since(last);
    let jobs = pages.jobs();
    pages.prepare_listings(last)?;
    let theme = pages.theme();
    // A build from nothing knows every page's sitemap entry before it renders
    // one, so its sitemap is made beside the pages instead of after them.
    let entries: Option<Vec<Arc<page::SitemapEntry>>> = last.is_none().then(|| {
        jobs.par_iter()
            .filter_map(|job| pages.locate(job).1)
            .collect()
    });
    // The page of an item made from the very model the last build had is as
    // it was, in its file and with its entry: found by one lookup. So is a
    // page of a term grouped as it was that shows the same models. These are
    // left out of the pages to render: after an edit, nearly all of them.
    let left: Vec<Option<Left>> = match last {
        Some(last) => {
            let grouped_as = pages.grouped_as(last);
            // Each term page's place among them, by which the last one is found.
            let mut terms_before = 0;
            let term_ordinals: Vec<Option<usize>> = (jobs.iter())
                .map(|job| {
                    matches!(job, Job::Term(..)).then(|| {
                        terms_before += 1;
                        terms_before - 1
                    })
                })
                .collect();
            (jobs.par_iter().zip(&term_ordinals))
                .map(|(job, k)| match pages.item(job) {
                    Some(item) => last.placed(item).map(|was| Left::Item(item, was.clone())),
                    None => {
                        let was = last.term_page((*k)?)?;
                        (grouped_as && pages.shows(job, was)).then(|| Left::Term(was.clone()))
                    }
                })
                .collect()
        }
        None => Vec::new(),
    };
    let is_left = |i: usize| left.get(i).is_some_and(Option::is_some);
    let to_render: Vec<&Job> = (jobs.iter().enumerate())
        .filter(|&(i, _)| !is_left(i))
        .map(|(_, job)| job)
        .collect();
    // The pages and the files made from the whole site, side by side.
    let (results, (site_files, maps)) = rayon::join(
        || {
            // One page a task: pages differ a hundredfold in cost (the contacts
            // page against a news item), and with rayon's default split one
            // thread would be left rendering a long run of them alone.
            (to_render.par_iter())
                .with_max_len(1)
                .map(|job| page(&pages, job, last, keep, sink))
                .collect::<Vec<_>>()
        },
        || {
            rayon::join(
                || whole_site_files(site, theme, sink, last),
                || {
                    entries
                        .as_deref()
                        .map(|entries| site_maps(theme, entries, sink))
                },
            )
        },
    );

    let mut kept = Vec::new();
    let mut unchanged = Vec::new();
    let mut listings = Listings::new();
    let mut diagnostics = Vec::new();
    let mut sitemap = Vec::new();
    // The pages of items made again: each item's model, and where it went.
    let mut fresh = Vec::new();
    let mut terms = Vec::new();
    let mut results = results.into_iter();
    for (i, job) in jobs.iter().enumerate() {
        if let Some(Some(was)) = left.get(i) {
            let (file, entry) = was.place();
            unchanged.push(Arc::clone(file));
            sitemap.extend(entry.clone());
            if let Left::Term(page) = was {
                terms.push(Some(page.clone()));
            }
            continue;
        }
        match results.next().expect("a result for each page rendered") {
            Ok((fate, entry, listing)) => {
                if let (true, Some(item)) = (keep, pages.item(job)) {
                    let file: Option<Arc<str>> = match &fate {
                        Fate::Rendered(output) => output.as_ref().map(|o| o.path.as_str().into()),
                        Fate::Unchanged(path) => Some(Arc::clone(path)),
                    };
                    if let Some(file) = file {
                        let entry = entry.clone();
                        let replaced = last.and_then(|last| pages.replaced(job, last));
                        fresh.push((item, replaced, page::Placed { file, entry }));
                    }
                }
                match fate {
                    Fate::Rendered(output) => kept.extend(output),
                    Fate::Unchanged(path) => unchanged.push(path),
                }
                if let (true, Job::Term(..)) = (keep, job) {
                    let page = listing.as_ref();
                    terms.push(page.and_then(|(file, l)| TermPage::new(file, entry.clone(), l)));
                }
                // A build from nothing has its entries already.
                if entries.is_none() {
                    sitemap.extend(entry);
                }
                listings.extend(listing);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let mut open_data = open_data::Entries::default();
    let mut feeds = feed::Made::default();
    match site_files {
        Ok(SiteFiles {
            kept: files,
            same,
            open_data: entries,
            feeds: fed,
        }) => {
            kept.extend(files);
            unchanged.extend(same.into_iter().map(Arc::from));
            open_data = entries;
            feeds = fed;
        }
        Err(d) => diagnostics.push(d),
    }
    if !diagnostics.is_empty() {
        return Err(unique(diagnostics));
    }
    // Rendering the sitemap of every page takes a while at thousands of them.
    // The entries come in the order of the jobs, which is the same from one
    // build to the next for the same pages: compared as they come, they are
    // sorted only to be rendered.
    if let (Some(entries), Some(maps)) = (entries, maps) {
        kept.extend(maps.map_err(|d| vec![d])?);
        sitemap = entries;
    } else if last.is_some_and(|last| last.sitemap() == sitemap) {
        unchanged.extend(SITE_MAPS.map(Arc::from));
    } else {
        kept.extend(site_maps(theme, &sitemap, sink).map_err(|d| vec![d])?);
    }
    let placed = match keep {
        true => carry(since, left, fresh, &mut listings),
        false => Default::default(),
    };
    debug_assert!(
        !keep || {
            let items: Vec<usize> = jobs.iter().filter_map(|job| pages.item(job)).collect();
            items.len() == placed.len() && items.iter().all(|item| placed.contains_key(item))
        },
        "each item's page placed by its model, and no other"
    );
    debug_assert!(
        !keep || listings.len() == jobs.iter().filter(|job| job.reads_the_site()).count(),
        "a listing for each page that reads the site, and no other"
    );
    let groupings = pages.groupings();
    let cards = pages.into_cards();
    let remembered = match keep {
        true => Remembered {
            listings,
            cards,
            sitemap,
            open_data,
            feeds,
            groupings,
            placed,
            models: site
                .projects
                .iter()
                .chain(&site.translations)
                .cloned()
                .collect(),
            items: (site.good_practices.clone(), site.news.clone()),
            terms,
            spares: Vec::new(),
        },
        false => {
            crate::drop_later((cards, open_data, feeds));
            Remembered::default()
        }
    };
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    let rendered = Rendered {
        files: kept,
        copies: site.assets.clone(),
    };
    Ok(Made {
        rendered,
        unchanged,
        remembered,
    })
}

/// An item's page made again: the address of its model, the address of the
/// model whose page the last build made in its place, and where it went.
type Fresh = (usize, Option<usize>, page::Placed);

/// A page left as the last build made it: an item's, by the address of its
/// model, or a term's.
enum Left {
    Item(usize, page::Placed),
    Term(TermPage),
}

impl Left {
    /// The page's file and its sitemap entry.
    fn place(&self) -> (&Arc<str>, &Option<Arc<page::SitemapEntry>>) {
        match self {
            Left::Item(_, placed) => (&placed.file, &placed.entry),
            Left::Term(page) => (&page.file, &page.entry),
        }
    }
}

/// Takes from the last build what the pages `left` as it made them had: the
/// listings of the term pages, put with `listings` (those rendered or checked
/// again), and the places of the items' pages. Those are the last build's
/// places with the pages made again put in, when each of these replaced the
/// page in its own file and no other page is gone (an edit); else the places
/// of the pages left and of those made again.
fn carry(
    since: Option<Since>,
    left: Vec<Option<Left>>,
    fresh: Vec<Fresh>,
    listings: &mut Listings,
) -> foldhash::HashMap<usize, page::Placed> {
    let items = (left.iter().flatten())
        .filter(|l| matches!(l, Left::Item(..)))
        .count();
    let in_place = since.as_ref().is_some_and(|last| {
        let mut replaced = 0;
        for (_, was, now) in &fresh {
            match was.and_then(|was| last.placed(was)) {
                Some(was) if was.file == now.file => replaced += 1,
                Some(_) => return false,
                None => {}
            }
        }
        last.placed_count().checked_sub(replaced) == Some(items)
    });
    let (last_placed, mut last_listings) = since.map(Since::into_kept).unwrap_or_default();
    let terms = (left.iter().flatten())
        .filter(|l| matches!(l, Left::Term(..)))
        .count();
    // The last build's listings are this render's, with those of the pages
    // rendered or checked again put in, when every one of these was among
    // them and they are as many (no page of the last build is gone).
    let same_listings = terms > 0
        && last_listings.len() == terms + listings.len()
        && listings.keys().all(|file| last_listings.contains_key(file));
    if same_listings {
        last_listings.extend(listings.drain());
        *listings = std::mem::take(&mut last_listings);
    }
    let mut placed = match in_place {
        true => last_placed,
        false => foldhash::HashMap::default(),
    };
    for left in left.into_iter().flatten() {
        match left {
            Left::Item(item, was) if !in_place => {
                placed.insert(item, was);
            }
            Left::Term(page) if !same_listings => {
                let listing = last_listings.remove_entry(&*page.file);
                debug_assert!(listing.is_some(), "{} had a listing", page.file);
                listings.extend(listing);
            }
            Left::Item(..) | Left::Term(..) => {}
        }
    }
    for (item, was, now) in fresh {
        if let Some(was) = was {
            placed.remove(&was);
        }
        placed.insert(item, now);
    }
    placed
}

/// Renders one page, or leaves it out as it was in the `last` build if that
/// is where it would come out the same; with `keep`, a listing comes with what
/// its template read.
fn page<'a>(
    pages: &Pages<'a>,
    job: &Job<'a>,
    last: Option<&Since>,
    keep: bool,
    sink: &dyn Sink,
) -> Result<PageMade<'a>, Diagnostic> {
    if let Some(last) = last.filter(|last| pages.unchanged(job, last)) {
        let (path, entry) = pages.locate(job);
        // A listing left as it was keeps what its template read, for the next edit.
        let listing = (keep && job.reads_the_site())
            .then(|| last.listing(&path).cloned())
            .flatten()
            .map(|listing| (path.clone(), listing));
        return Ok((Fate::Unchanged(path.into()), entry, listing));
    }
    if !(keep && job.reads_the_site()) {
        let (output, entry) = pages.render(job)?;
        return Ok((Fate::Rendered(sink.take(output)?), entry, None));
    }
    let shown = pages.shown(job);
    if let (Some(last), Some(now)) = (last, &shown) {
        let (path, entry) = pages.locate(job);
        if let Some(was) = (last.listing(&path)).filter(|was| was.shown.as_ref() == Some(now)) {
            let listing = Some((path.clone(), was.clone()));
            return Ok((Fate::Unchanged(path.into()), entry, listing));
        }
    }
    let prepared = pages.prepare(job);
    let path = prepared.path();
    let was = last.and_then(|last| last.listing(&path));
    let (fate, entry, size) = match was {
        Some(was) if was.fields.same(&prepared.fields) => {
            let entry = pages.entry(job, &prepared.place);
            (Fate::Unchanged(path.as_str().into()), entry, was.size)
        }
        _ => {
            // A listing of thousands of cards is megabytes: made in a buffer of
            // about its last size, it is not copied over and over as it grows.
            let capacity = was.map(|was| was.size + was.size / 16);
            let ctx = prepared.fields.context();
            let (output, entry) = pages.render_prepared(job, &prepared.place, &ctx, capacity)?;
            let size = output.bytes.len();
            (Fate::Rendered(sink.take(output)?), entry, size)
        }
    };
    let listing = page::Listing {
        fields: prepared.fields,
        size,
        shown,
    };
    Ok((fate, entry, Some((path, listing))))
}

/// A page's fate, its sitemap entry, and for a listing what its template read.
type PageMade<'a> = (
    Fate,
    Option<Arc<page::SitemapEntry>>,
    Option<(String, page::Listing)>,
);

/// What became of one page.
enum Fate {
    /// Rendered, and given back by the sink if it keeps it.
    Rendered(Option<Output>),
    /// Left out as it was in the last build: the path of its file.
    Unchanged(Arc<str>),
}

/// What [`whole_site_files`] made.
struct SiteFiles {
    /// The files the sink kept.
    kept: Vec<Output>,
    /// The paths of the contact cards and feeds left out as they were in the
    /// last build, their people and news unchanged.
    same: Vec<String>,
    open_data: open_data::Entries,
    feeds: feed::Made,
}

/// The files made from the whole site rather than one page: open data, feeds,
/// contact cards and the theme's static files, each handed to `sink` as it is
/// made, but those that come out as they did in the `last` build.
fn whole_site_files(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    last: Option<&Since>,
) -> Result<SiteFiles, Diagnostic> {
    let config = &site.config;
    // People the last build had as they are now have the same vCards.
    let all_same = last.is_some_and(|last| Arc::ptr_eq(&last.site().people, &site.people));
    let (same, people): (Vec<&Person>, Vec<&Person>) = (site.people.iter())
        .partition(|person| all_same || last.is_some_and(|last| last.same_person(person)));
    let (same_feeds, changed_feeds, fed) =
        feed::feeds(site, theme, last.map(|l| (l.feeds(), l.site())));
    let (open_data, (cards, feeds)) = rayon::join(
        || {
            let (json_file, csv_file) = (open_data::JSON_FILE, open_data::CSV_FILE);
            let buffers = last.map(|l| (l.spare(json_file), l.spare(csv_file)));
            let last = last.map(Since::open_data);
            let (json, csv, entries) =
                open_data::files(&site.projects, config, last, buffers.unwrap_or_default());
            let files = [(json_file, json), (csv_file, csv)];
            let files = files.into_par_iter().map(|(path, bytes)| {
                Ok(Output {
                    path: path.into(),
                    bytes,
                })
            });
            hand_over(files, sink).map(|kept| (kept, entries))
        },
        || {
            rayon::join(
                || {
                    let cards = people.par_iter().map(|person| {
                        let card = vcard::vcard(person, config);
                        Ok(Output::text(urls::vcard(&person.slug), card))
                    });
                    hand_over(cards, sink)
                },
                || hand_over(changed_feeds, sink),
            )
        },
    );
    // The site's own static files win over the theme's of the same name.
    let site_outputs: std::collections::HashSet<&str> =
        site.assets.iter().map(|a| a.output.as_str()).collect();
    let mut statics: Vec<Output> = theme
        .static_files
        .iter()
        .filter(|(path, _)| !site_outputs.contains(path.as_str()))
        .map(|(path, bytes)| Output {
            path: path.clone(),
            bytes: bytes.clone(),
        })
        .collect();
    if site
        .projects
        .iter()
        .any(|p| p.funding.as_ref().is_some_and(|f| f.eu.is_some()))
    {
        statics.push(Output {
            path: emblem::FILE.to_string(),
            bytes: emblem::svg().into_bytes(),
        });
    }
    let mut kept = hand_over(statics.into_par_iter().map(Ok), sink)?;
    let (open_data, entries) = open_data?;
    kept.extend(open_data);
    for files in [cards, feeds] {
        kept.extend(files?);
    }
    let mut same: Vec<String> = same.iter().map(|p| urls::vcard(&p.slug)).collect();
    same.extend(same_feeds);
    Ok(SiteFiles {
        kept,
        same,
        open_data: entries,
        feeds: fed,
    })
}

/// Hands each file to `sink` as it is made; gives back the files it kept.
fn hand_over(
    files: impl ParallelIterator<Item = Result<Output, Diagnostic>>,
    sink: &dyn Sink,
) -> Result<Vec<Output>, Diagnostic> {
    files
        .map(|file| sink.take(file?))
        .filter_map(Result::transpose)
        .collect()
}

/// A broken template fails every page it renders the same way: report it once.
fn unique(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.dedup_by(|a, b| a.message == b.message && a.file == b.file && a.line == b.line);
    diagnostics
}

/// The templates rendered with the sitemap's entries: each is its own file.
const SITE_MAPS: [&str; 2] = ["sitemap.xml", "robots.txt"];

/// `sitemap.xml` of the pages of `entries`, sorted by address, and
/// `robots.txt`, handed to `sink`; gives back the files it kept.
fn site_maps(
    theme: &Theme,
    entries: &[Arc<page::SitemapEntry>],
    sink: &dyn Sink,
) -> Result<Vec<Output>, Diagnostic> {
    let mut sorted: Vec<&page::SitemapEntry> = entries.iter().map(|e| &**e).collect();
    sorted.par_sort_unstable_by(|a, b| a.loc.cmp(&b.loc));
    let mut ctx = Context::new();
    ctx.insert("pages", &sorted);
    let maps = SITE_MAPS.into_par_iter().map(|template| {
        let text = theme
            .tera
            .render(template, &ctx)
            .map_err(|e| theme.diagnose(&e))?;
        Ok(Output::text(template.to_string(), text))
    });
    hand_over(maps, sink)
}

/// Renders only the pages made from the Markdown files `sources` (site-relative
/// paths as in the model), for an edit that changed nothing else.
pub fn render_pages(
    site: &Site,
    theme: &mut Theme,
    sources: &[String],
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let pages = Pages::new(site, theme);
    let jobs: Vec<_> = sources.iter().flat_map(|s| pages.jobs_of(s)).collect();
    let mut outputs = Vec::new();
    let mut diagnostics = Vec::new();
    for result in jobs
        .par_iter()
        .map(|job| pages.render(job))
        .collect::<Vec<_>>()
    {
        match result {
            Ok((output, _)) => outputs.push(output),
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.is_empty() {
        Ok(outputs)
    } else {
        Err(diagnostics)
    }
}
