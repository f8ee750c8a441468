//! Listings split into pages of `page_size` items (`page_size: 2` here, so the
//! example's five ended projects take three pages).

use hanke::render::Rendered;
use scraper::Html;

use crate::support::*;

fn paged() -> (tempfile::TempDir, Rendered) {
    let site = example_with("page_size: 2");
    let (rendered, diagnostics) = render(site.path());
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    (site, rendered)
}

fn attrs(html: &Html, css: &str, name: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| e.value().attr(name).unwrap_or_default().to_string())
        .collect()
}

/// The project cards' titles on each page of a listing, following its links
/// to the next page from the first.
fn cards_page_by_page(rendered: &Rendered, first: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut file = Some(first.to_string());
    while let Some(path) = file {
        let html = page(rendered, &path);
        pages.push(texts(&html, "main .cards h3 a"));
        file = attrs(&html, "nav.pagination a[rel=next]", "href")
            .first()
            .map(|href| format!("{}index.html", href.trim_start_matches('/')));
    }
    pages
}

#[test]
fn a_long_listing_is_split_into_pages_that_link_each_other_in_order() {
    let (_site, rendered) = paged();
    let (whole, _) = render(&repo_root());
    let all = texts(&page(&whole, "status/ended/index.html"), "main .cards h3 a");
    assert_eq!(all.len(), 5);

    let pages = cards_page_by_page(&rendered, "status/ended/index.html");
    assert_eq!(pages, [&all[0..2], &all[2..4], &all[4..5]]);

    let second = page(&rendered, "status/ended/page/2/index.html");
    assert_eq!(
        text(&second, "h1"),
        "Päättynyt (5)",
        "the count is the whole listing's"
    );
    assert!(
        text(&second, "title").starts_with("Sivu 2/3 – Päättynyt – "),
        "{}",
        text(&second, "title")
    );
    assert_eq!(attrs(&second, "nav.pagination", "aria-label"), ["Sivut"]);
    assert_eq!(
        texts(&second, "nav.pagination a"),
        [
            "Edellinen sivu",
            "Sivu 1",
            "Sivu 2",
            "Sivu 3",
            "Seuraava sivu"
        ]
    );
    assert_eq!(
        attrs(&second, "nav.pagination a[aria-current=page]", "href"),
        ["/status/ended/page/2/"]
    );
    assert_eq!(
        attrs(&second, "nav.pagination a[rel=prev]", "href"),
        ["/status/ended/"]
    );
    assert_eq!(
        attrs(&second, "link[rel=canonical]", "href"),
        ["https://hankkeet.example.fi/status/ended/page/2/"]
    );
    let first = page(&rendered, "status/ended/index.html");
    assert!(select(&first, "nav.pagination a[rel=prev]").is_empty());
    assert!(!text(&first, "title").starts_with("Sivu"));
    let last = page(&rendered, "status/ended/page/3/index.html");
    assert!(select(&last, "nav.pagination a[rel=next]").is_empty());
    assert!(rendered.file("status/ended/page/4/index.html").is_none());
    // Every language has the same pages of a term.
    let sv = page(&rendered, "sv/status/ended/page/3/index.html");
    assert_eq!(
        texts(&sv, "nav.pagination a[aria-current=page]"),
        ["Sida 3"]
    );
}

#[test]
fn a_listing_that_fits_one_page_has_no_page_links_and_further_pages_are_not_in_the_sitemap() {
    let (_site, rendered) = paged();
    let lappi = page(&rendered, "regions/lappi/index.html");
    assert_eq!(texts(&lappi, "main .cards h3 a").len(), 2);
    assert!(select(&lappi, "nav.pagination").is_empty());
    assert!(rendered.file("regions/lappi/page/2/index.html").is_none());

    let sitemap = String::from_utf8(rendered.file("sitemap.xml").unwrap().bytes.clone()).unwrap();
    assert!(sitemap.contains("<loc>https://hankkeet.example.fi/status/ended/</loc>"));
    assert!(!sitemap.contains("/page/"), "{sitemap}");

    // With the default of 50 a page, the example's listings are whole.
    let (whole, _) = render(&repo_root());
    for path in ["index.html", "status/ended/index.html", "news/index.html"] {
        assert!(
            select(&page(&whole, path), "nav.pagination").is_empty(),
            "{path}"
        );
    }
    assert!(whole.files.iter().all(|f| !f.path.contains("/page/")));
}

#[test]
fn the_home_page_shows_the_first_page_of_each_status_and_links_to_the_rest() {
    let (_site, rendered) = paged();
    let home = page(&rendered, "index.html");
    assert_eq!(
        texts(&home, "main section h2"),
        [
            "Käynnissä olevat hankkeet (2)",
            "Päättyneet hankkeet (5)",
            "Uusimmat uutiset"
        ]
    );
    assert_eq!(
        texts(&home, "#group-ended ~ .cards h3 a"),
        texts(
            &page(&rendered, "status/ended/index.html"),
            "main .cards h3 a"
        )
    );
    let ended = select(&home, "section[aria-labelledby=group-ended] > p > a");
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].value().attr("href"), Some("/status/ended/"));
    assert_eq!(
        ended[0].text().collect::<String>(),
        "Kaikki päättyneet hankkeet"
    );
    // Both ongoing projects fit: no link on.
    assert!(select(&home, "section[aria-labelledby=group-ongoing] > p > a").is_empty());

    // The Swedish home page lists the projects not yet translated, two of
    // them, and where to find them all.
    let sv = page(&rendered, "sv/index.html");
    assert_eq!(texts(&sv, "#untranslated ~ ul li").len(), 2);
    assert_eq!(
        attrs(&sv, "section[aria-labelledby=untranslated] > p > a", "href"),
        ["/sv/status/"]
    );
    assert_eq!(
        texts(&sv, "section[aria-labelledby=untranslated] > p > a"),
        ["Alla projekt efter status"]
    );
}

#[test]
fn news_and_good_practices_are_split_into_pages_whose_versions_exist() {
    let (_site, rendered) = paged();
    let (whole, _) = render(&repo_root());

    let news = |r: &Rendered, path: &str| texts(&page(r, path), "main .news-list h2 a");
    let all = news(&whole, "news/index.html");
    assert_eq!(all.len(), 3);
    assert_eq!(news(&rendered, "news/index.html"), all[..2]);
    assert_eq!(news(&rendered, "news/page/2/index.html"), all[2..]);
    let second = page(&rendered, "news/page/2/index.html");
    // The feed is the whole news', wherever it is linked from.
    assert_eq!(
        attrs(&second, "link[type='application/atom+xml']", "href"),
        ["/news/atom.xml"]
    );
    // Swedish and English have fewer news: no second page to name as a version.
    assert!(rendered.file("sv/news/page/2/index.html").is_none());
    assert!(select(&second, "link[hreflang]").is_empty());
    assert!(select(&second, "nav.languages").is_empty());

    // In Swedish, the good practices not yet translated follow its own, run
    // on from page to page: one of its own, then two of the three others.
    let site = example_with("page_size: 2");
    let gp = "content/projects/tukena/good-practices/vertaisryhmatoiminta";
    let finnish = std::fs::read_to_string(site.path().join(format!("{gp}.md"))).unwrap();
    let (name, _) = finnish
        .split_once('\n')
        .unwrap()
        .1
        .split_once('\n')
        .unwrap();
    let swedish = finnish.replacen(name, "nimi: Rehabiliterande kamratgrupper", 1);
    std::fs::write(site.path().join(format!("{gp}.sv.md")), swedish).unwrap();
    let (rendered, diagnostics) = render(site.path());
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    let gps = |path: &str| {
        let html = page(&rendered, path);
        (
            texts(&html, "main .cards h2 a"),
            texts(&html, "main li > a[hreflang]"),
        )
    };
    let (own, untranslated) = gps("sv/good-practices/index.html");
    assert_eq!(own, ["Rehabiliterande kamratgrupper"]);
    assert_eq!(untranslated.len(), 1);
    let (own, rest) = gps("sv/good-practices/page/2/index.html");
    assert!(own.is_empty(), "{own:?}");
    assert_eq!(rest.len(), 1);
    assert!(!untranslated.contains(&rest[0]), "{rest:?} shown twice");
    assert!(
        rendered
            .file("sv/good-practices/page/3/index.html")
            .is_none()
    );
}

#[test]
fn a_page_size_of_zero_is_an_error_that_names_the_default() {
    assert_zero_is_an_error(
        "page_size",
        "it is how many projects, good practices or news items a listing shows on one page; leave it out for 50",
    );
}
