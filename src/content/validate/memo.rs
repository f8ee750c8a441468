//! Each page's checks from the last validation, kept by `serve`: after an edit,
//! a page is checked again only if something its checks read has changed. They
//! read the page's own file; the site's address book, for links to other pages
//! and files; the settings and data, which `serve` never reuses checks across;
//! and for some pages another page's facts: a translation reads its original,
//! a good practice or a news item its project's name, address and status.

use foldhash::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::sync::Arc;

use rayon::prelude::*;

use super::address_book::AddressBook;
use super::facts::Linked;
use super::{Checked, Found};
use crate::content::load::{Kind, Loaded, Page};
use crate::content::model::{GoodPractice, News, Project, ProjectRef, Site};
use crate::content::people::Gathered;
use crate::diagnostic::{SourceText, display_path};

/// The checks of one validation, and the address book they were made with.
#[derive(Default)]
pub struct Memo {
    pub book: AddressBook,
    pub(super) projects: Kept<Arc<Project>, Original>,
    pub(super) good_practices: Kept<Arc<GoodPractice>, ProjectRef>,
    pub(super) news: Kept<Arc<News>, Option<ProjectRef>>,
    pub(super) people: Option<Gathered>,
    /// What the checks of the good practices and news items found, until
    /// `settle` keeps it in `linked`.
    pub(super) found: Found,
    /// The texts of the pages validated, in the address book's order, until
    /// `settle` keeps them in `linked`.
    pub(super) sources: Vec<Arc<SourceText>>,
    /// The site as linked, once settled.
    pub(super) linked: Option<Linked>,
    /// Whether it is ready for the next validation (see [`Memo::settle`]).
    pub(super) settled: bool,
}

/// The original a translation's checks read (none for an original). The
/// same model is the same original, found without comparing every field: a
/// thousand translations are looked up on every edit.
#[derive(Clone, Default)]
pub(super) struct Original(pub Option<Arc<Project>>);

impl PartialEq for Original {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

/// Pages' checks by file, each with what it read besides its file (`D`).
/// Keyed by the path's bytes: hashing a `Path` walks its components, and an
/// edit looks up every page.
pub(super) struct Kept<T, D>(HashMap<OsString, Entry<T, D>>);

impl<T, D> Default for Kept<T, D> {
    fn default() -> Self {
        Kept(HashMap::default())
    }
}

pub(super) struct Entry<T, D> {
    source: Arc<SourceText>,
    /// The file as the model names it (`source` in the model).
    file: String,
    depends: D,
    checked: Checked<T>,
}

impl<T, D: PartialEq> Kept<T, D> {
    /// The checks of `page` if its text and what it read are as they were.
    fn reusable(&self, page: &Page, depends: &D) -> Option<&Entry<T, D>> {
        let entry = self.0.get(page.source.path.as_os_str())?;
        let same_text =
            Arc::ptr_eq(&entry.source, &page.source) || entry.source.text == page.source.text;
        (same_text && entry.depends == *depends).then_some(entry)
    }
}

/// Checks `pages` in parallel with `check`, given what each reads besides its
/// file (`depends`), taking the checks in `kept` where nothing changed. With
/// `remember`, brings `kept` up to date in place for the next validation: a
/// page checked again replaces its entry, and the others stay where they are.
pub(super) fn check_all<T, D>(
    pages: &[&Page],
    kept: Option<&mut Kept<T, D>>,
    remember: bool,
    depends: impl Fn(&Page) -> D + Sync,
    check: impl Fn(&Page, &D) -> Checked<T> + Sync,
) -> Vec<Checked<T>>
where
    T: Clone + Send + Sync,
    D: PartialEq + Clone + Send + Sync,
{
    let last = kept.as_deref();
    let depends: Vec<D> = pages.par_iter().map(|page| depends(page)).collect();
    // The pages whose checks hold, in parallel runs of many: each takes a lookup.
    let reused: Vec<Option<Checked<T>>> = (pages.par_iter().zip(&depends))
        .map(|(page, depends)| {
            let entry = last.and_then(|last| last.reusable(page, depends))?;
            Some(entry.checked.clone())
        })
        .collect();
    // The others one page a task, so that no thread is left with a long run
    // of pages at the end of each stage (rayon's default split is coarse).
    let again: Vec<usize> = (reused.iter().enumerate())
        .filter_map(|(i, r)| r.is_none().then_some(i))
        .collect();
    let checked: Vec<Checked<T>> = (again.par_iter().with_max_len(1))
        .map(|&i| check(pages[i], &depends[i]))
        .collect();
    if let Some(kept) = kept.filter(|_| remember) {
        kept.0.reserve(again.len());
        for (&i, checked) in again.iter().zip(&checked) {
            let page = pages[i];
            let entry = Entry {
                source: Arc::clone(&page.source),
                file: display_path(&page.source.path),
                depends: depends[i].clone(),
                checked: checked.clone(),
            };
            kept.0
                .insert(page.source.path.clone().into_os_string(), entry);
        }
    }
    let mut checked = checked.into_iter();
    reused
        .into_iter()
        .map(|r| r.unwrap_or_else(|| checked.next().expect("one for each page checked again")))
        .collect()
}

impl Memo {
    /// Makes these checks ready for the next validation, once the last one
    /// made `site` from `loaded`: forgets the files gone since and keeps the
    /// models as linked. Only the next edit needs it, so `serve` does it after
    /// publishing the last, and the session before it checks again.
    pub fn settle(&mut self, loaded: &Loaded, site: &Site) {
        if self.settled {
            return;
        }
        let pages = self.book.pages(loaded);
        let of_kind =
            |kind: fn(&Kind) -> bool| pages.iter().copied().filter(move |p| kind(&p.kind));
        let good_practice = |k: &Kind| matches!(k, Kind::GoodPractice { .. });
        let news = |k: &Kind| matches!(k, Kind::News { .. });
        self.projects.keep_only(of_kind(|k| *k == Kind::Project));
        self.good_practices.keep_only(of_kind(good_practice));
        self.news.keep_only(of_kind(news));
        self.keep_linked(site);
        let (sources, found) = (
            std::mem::take(&mut self.sources),
            std::mem::take(&mut self.found),
        );
        self.linked = Some(Linked::of(site, sources, found));
        self.settled = true;
    }

    /// Keeps `site`'s models, linked to each other, as their pages' checks.
    /// The next validation starts from them and links anew only what
    /// differs, so a page that nothing changed is the same model in both
    /// sites. A translation's checks read its original: the linked one, now.
    fn keep_linked(&mut self, site: &Site) {
        let originals: HashMap<&str, &Arc<Project>> = (site.projects.iter())
            .map(|p| (p.slug.as_str(), p))
            .collect();
        self.projects
            .keep_linked(site.projects.iter().chain(&site.translations), |p| {
                &p.source
            });
        for entry in self.projects.0.values_mut() {
            if let Some(original) = &mut entry.depends.0
                && let Some(&linked) = originals.get(original.slug.as_str())
            {
                *original = Arc::clone(linked);
            }
        }
        (self.good_practices).keep_linked(site.good_practices.iter(), |g| &g.source);
        (self.news).keep_linked(site.news.iter(), |n| &n.source);
        self.people = Some(Gathered::of(site));
    }
}

impl<T, D> Kept<Arc<T>, D> {
    /// Makes `models` (each named by its file, as `source` gives it) the
    /// checks of their files.
    fn keep_linked<'m>(
        &mut self,
        models: impl Iterator<Item = &'m Arc<T>>,
        source: fn(&T) -> &String,
    ) where
        T: 'm,
    {
        let by_source: foldhash::HashMap<&str, &Arc<T>> =
            models.map(|m| (source(m).as_str(), m)).collect();
        for entry in self.0.values_mut() {
            if let (Some(checked), Some(&linked)) =
                (&mut entry.checked.0, by_source.get(entry.file.as_str()))
            {
                *checked = Arc::clone(linked);
            }
        }
    }
}

impl<T, D> Kept<T, D> {
    /// Forgets the checks of files that are no longer among `pages` (deleted,
    /// renamed, or left out as duplicates), given that every page of `pages`
    /// has its entry.
    fn keep_only<'p>(&mut self, pages: impl Iterator<Item = &'p Page> + Clone) {
        if self.0.len() > pages.clone().count() {
            let current: HashSet<&OsStr> = pages.map(|p| p.source.path.as_os_str()).collect();
            self.0.retain(|path, _| current.contains(path.as_os_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            kind: Kind::Project,
            slug: path.trim_end_matches(".md").into(),
            lang: None,
            source: Arc::new(SourceText {
                path: path.into(),
                text: text.into(),
            }),
            front_matter: 0..0,
            body_start: 0,
            bundle: None,
        }
    }

    /// Checks `pages` against `kept`, counting the pages checked afresh.
    fn check(pages: &[&Page], kept: &mut Kept<String, ()>) -> (Vec<String>, usize) {
        let fresh = AtomicUsize::new(0);
        let results = check_all(
            pages,
            Some(kept),
            true,
            |_| (),
            |page, _| {
                fresh.fetch_add(1, Ordering::Relaxed);
                (Some(page.source.text.clone()), Vec::new(), Arc::from([]))
            },
        );
        let texts = results.into_iter().map(|(t, ..)| t.unwrap()).collect();
        (texts, fresh.into_inner())
    }

    #[test]
    fn only_changed_pages_are_checked_again_and_their_entries_replaced_in_place() {
        let (a, b, b2) = (page("a.md", "A"), page("b.md", "B"), page("b.md", "B2"));
        let mut kept = Kept::default();
        // The pages of each validation, what comes out, and how many were checked afresh.
        let steps = [
            ([&a, &b], ["A", "B"], 2),
            ([&a, &b], ["A", "B"], 0),
            ([&a, &b2], ["A", "B2"], 1),
            ([&a, &b2], ["A", "B2"], 0),
        ];
        for (pages, texts, fresh) in steps {
            let texts = texts.map(String::from).to_vec();
            assert_eq!(check(&pages, &mut kept), (texts, fresh));
        }
        assert_eq!(kept.0.len(), 2);
    }

    #[test]
    fn an_original_is_the_same_by_its_address_or_by_every_field() {
        let (_, site) = super::super::example();
        let (a, b) = (&site.projects[0], &site.projects[1]);
        let original = |p: &Arc<Project>| Original(Some(Arc::clone(p)));
        assert!(original(a) == original(a));
        assert!(original(a) == Original(Some(Arc::new((**a).clone()))));
        assert!(original(a) != original(b));
        assert!(original(a) != Original(None));
        assert!(Original(None) == Original(None));
    }

    #[test]
    fn the_checks_of_a_file_no_longer_among_the_pages_are_forgotten() {
        let (a, b) = (page("a.md", "A"), page("b.md", "B"));
        let mut kept = Kept::default();
        check(&[&a, &b], &mut kept);
        kept.keep_only([&a].into_iter());
        assert_eq!(kept.0.keys().collect::<Vec<_>>(), [OsStr::new("a.md")]);
        kept.keep_only([&a].into_iter());
        assert_eq!(kept.0.len(), 1);
    }
}
