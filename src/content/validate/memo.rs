//! Each page's checks from the last validation, kept by `serve`: after an edit,
//! a page is checked again only if something its checks read has changed. They
//! read the page's own file; the site's address book, for links to other pages
//! and files; the settings and data, which `serve` never reuses checks across;
//! and for some pages another page's facts: a translation reads its original,
//! a good practice or a news item its project's name, address and status.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::Checked;
use crate::content::links::Links;
use crate::content::load::Page;
use crate::content::model::{GoodPractice, News, Project, ProjectRef};
use crate::diagnostic::SourceText;

/// The checks of one validation, and the address book they were made with.
#[derive(Default)]
pub struct Memo {
    pub links: Links,
    pub(super) projects: Kept<Project, Option<Project>>,
    pub(super) good_practices: Kept<GoodPractice, ProjectRef>,
    pub(super) news: Kept<News, Option<ProjectRef>>,
}

/// Pages' checks by file, each with what it read besides its file (`D`).
pub(super) struct Kept<T, D>(HashMap<PathBuf, Entry<T, D>>);

impl<T, D> Default for Kept<T, D> {
    fn default() -> Self {
        Kept(HashMap::new())
    }
}

pub(super) struct Entry<T, D> {
    source: Arc<SourceText>,
    depends: D,
    checked: Checked<T>,
}

impl<T, D: PartialEq> Kept<T, D> {
    /// The checks of `page` if its text and what it read are as they were.
    fn reusable(&self, page: &Page, depends: &D) -> Option<&Entry<T, D>> {
        let entry = self.0.get(&page.source.path)?;
        let same_text =
            Arc::ptr_eq(&entry.source, &page.source) || entry.source.text == page.source.text;
        (same_text && entry.depends == *depends).then_some(entry)
    }
}

/// Checks `pages` in parallel with `check`, given what each reads besides its
/// file (`depends`), taking the checks `last` kept where nothing changed. With
/// `keep`, records every page's checks there for the next validation: those
/// taken from `last` are moved, not copied.
pub(super) fn check_all<T, D>(
    pages: &[&Page],
    mut last: Option<&mut Kept<T, D>>,
    keep: Option<&mut Kept<T, D>>,
    depends: impl Fn(&Page) -> D + Sync,
    check: impl Fn(&Page, &D) -> Checked<T> + Sync,
) -> Vec<Checked<T>>
where
    T: Clone + Send + Sync,
    D: PartialEq + Send + Sync,
{
    let remember = keep.is_some();
    let kept = last.as_deref();
    // One page a task, so that no thread is left with a long run of pages at
    // the end of each stage (rayon's default split is coarse).
    let (results, entries): (Vec<_>, Vec<_>) = pages
        .par_iter()
        .with_max_len(1)
        .map(|page| {
            let depends = depends(page);
            if let Some(entry) = kept.and_then(|kept| kept.reusable(page, &depends)) {
                return (entry.checked.clone(), None);
            }
            let checked = check(page, &depends);
            let entry = remember.then(|| Entry {
                source: Arc::clone(&page.source),
                depends,
                checked: checked.clone(),
            });
            (checked, entry)
        })
        .unzip();
    if let Some(keep) = keep {
        for (page, entry) in pages.iter().zip(entries) {
            let path = &page.source.path;
            let entry = match entry {
                Some(entry) => Some((path.clone(), entry)),
                // Taken from `last`.
                None => last.as_mut().and_then(|last| last.0.remove_entry(path)),
            };
            keep.0.extend(entry);
        }
    }
    results
}
