//! A listing split into pages of `page_size` items: which items a page shows,
//! and the links between its pages that the theme's pagination reads.

use std::ops::Range;

use serde::Serialize;

use crate::content::urls;

/// How many pages a listing of `items` has: an empty listing still has one.
pub fn count(items: usize, size: usize) -> usize {
    items.div_ceil(size).max(1)
}

/// The items page `number` (from 1) shows of a listing of `items`.
pub fn range(number: usize, size: usize, items: usize) -> Range<usize> {
    let start = ((number - 1) * size).min(items);
    start..(start + size).min(items)
}

/// Page `current` of `total`, as the pagination links it.
#[derive(Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The first page, the last, and those near the current one; `None`
    /// where pages are left out between them.
    pub pages: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
}

/// How many pages on each side of the current one are linked by number.
const NEAR: usize = 2;

impl Pager {
    /// Page `current` of `total` of the listing at `listing` (a URL with the
    /// base path).
    pub fn new(listing: &str, current: usize, total: usize) -> Self {
        let link = |number| PageLink {
            number,
            url: urls::listing_page(listing, number),
        };
        let shown = |n: usize| n == 1 || n == total || n.abs_diff(current) <= NEAR;
        let mut pages = Vec::new();
        for n in 1..=total {
            if shown(n) {
                pages.push(Some(link(n)));
            } else if pages.last().is_some_and(Option::is_some) {
                // A gap of one page shows the page rather than a gap.
                pages.push(shown(n + 1).then(|| link(n)));
            }
        }
        Pager {
            current,
            total,
            previous: (current > 1).then(|| link(current - 1).url),
            next: (current < total).then(|| link(current + 1).url),
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(pager: &Pager) -> Vec<Option<usize>> {
        pager
            .pages
            .iter()
            .map(|p| p.as_ref().map(|p| p.number))
            .collect()
    }

    #[test]
    fn pages_hold_size_items_and_the_last_the_rest() {
        assert_eq!(count(0, 50), 1);
        assert_eq!(count(50, 50), 1);
        assert_eq!(count(51, 50), 2);
        assert_eq!(range(1, 50, 120), 0..50);
        assert_eq!(range(3, 50, 120), 100..120);
        assert_eq!(range(1, 50, 0), 0..0);
    }

    #[test]
    fn the_first_the_last_and_the_near_pages_are_linked_with_gaps_between() {
        let pager = Pager::new("/regions/lappi/", 10, 200);
        assert_eq!(
            numbers(&pager),
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(200)
            ]
        );
        assert_eq!(pager.previous.as_deref(), Some("/regions/lappi/page/9/"));
        assert_eq!(pager.next.as_deref(), Some("/regions/lappi/page/11/"));
        let first = Pager::new("/news/", 1, 3);
        assert_eq!(numbers(&first), [Some(1), Some(2), Some(3)]);
        assert_eq!(first.pages[0].as_ref().unwrap().url, "/news/");
        assert_eq!(first.previous, None);
        let last = Pager::new("/news/", 3, 3);
        assert_eq!(last.next, None);
    }

    #[test]
    fn a_gap_of_one_page_is_the_page_itself() {
        assert_eq!(
            numbers(&Pager::new("/", 5, 9)),
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                Some(9)
            ]
        );
        assert_eq!(
            numbers(&Pager::new("/", 1, 9)),
            [Some(1), Some(2), Some(3), None, Some(9)]
        );
    }
}
