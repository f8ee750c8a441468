//! News and press releases: site-wide in content/news/, a project's own in its
//! bundle; listed per language and per project, with an Atom feed for each.

use hanke::render::Rendered;
use roxmltree::{Document, Node};

use crate::support::*;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn xml(rendered: &Rendered, path: &str) -> String {
    let file = rendered
        .file(path)
        .unwrap_or_else(|| panic!("no file {path}"));
    String::from_utf8(file.bytes.clone()).unwrap()
}

fn child<'a>(node: Node<'a, 'a>, name: &str) -> Node<'a, 'a> {
    node.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

fn child_text<'a>(node: Node<'a, 'a>, name: &str) -> &'a str {
    child(node, name).text().unwrap_or_default()
}

/// An Atom feed's entries as (title, id), after checking what RFC 4287 requires
/// of the feed and of every entry.
fn entries(text: &str) -> Vec<(String, String)> {
    let doc = Document::parse(text).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((ATOM, "feed")),
        "the root is an Atom feed"
    );
    for name in ["id", "title", "updated"] {
        assert!(!child_text(feed, name).is_empty(), "the feed has <{name}>");
    }
    let feed_author = feed.children().any(|c| c.has_tag_name((ATOM, "author")));
    let self_link = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .find(|l| l.attribute("rel") == Some("self"))
        .expect("the feed links to itself");
    assert!(self_link.attribute("href").unwrap().ends_with("atom.xml"));
    let updated: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "updated")) || n.has_tag_name((ATOM, "published")))
        .map(|n| n.text().unwrap())
        .collect();
    for time in &updated {
        time.parse::<jiff::Timestamp>()
            .unwrap_or_else(|e| panic!("`{time}` is not an RFC 3339 time: {e}"));
    }
    let mut found = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        let id = child_text(entry, "id");
        assert!(id.starts_with("https://hankkeet.example.fi/"), "{id}");
        assert!(!child_text(entry, "updated").is_empty());
        assert!(
            feed_author || entry.children().any(|c| c.has_tag_name((ATOM, "author"))),
            "every entry has an author"
        );
        let link = child(entry, "link");
        assert_eq!(link.attribute("href"), Some(id));
        let content = child(entry, "content");
        assert_eq!(content.attribute("type"), Some("html"));
        found.push((child_text(entry, "title").to_string(), id.to_string()));
    }
    let mut ids: Vec<_> = found.iter().map(|(_, id)| id).collect();
    ids.dedup();
    assert_eq!(ids.len(), found.len(), "entry ids are unique");
    found
}

#[test]
fn the_news_page_lists_each_languages_news_newest_first() {
    let (rendered, _) = render(&repo_root());
    let news = page(&rendered, "news/index.html");
    assert_eq!(
        texts(&news, "main .news-entry h2"),
        [
            "Kaikki hankkeet yhdellä tulostettavalla sivulla",
            "Kehittämishankkeiden yhteinen sivusto on avattu",
            "TUKENA-hankkeen hyvät käytännöt on koottu verkkoon",
        ]
    );
    assert_eq!(
        texts(&news, "main .news-entry .card-meta"),
        [
            "Uutinen · 16.11.2026",
            "Tiedote · 2.11.2026",
            "Uutinen · 14.2.2020 · Hanke: TUKENA-hanke",
        ]
    );
    let sv = page(&rendered, "sv/news/index.html");
    assert_eq!(
        texts(&sv, "main .news-entry .card-meta"),
        ["Pressmeddelande · 2.11.2026"]
    );
    // Every page's main navigation leads to the news of its language.
    let en_home = page(&rendered, "en/index.html");
    let nav: Vec<_> = select(&en_home, "header nav a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_string)
        .collect();
    assert!(nav.contains(&"/en/news/".to_string()), "{nav:?}");
}

#[test]
fn a_news_item_shows_its_kind_date_author_project_and_language_versions() {
    let (rendered, _) = render(&repo_root());
    let item = page(&rendered, "news/sivusto-avattu/index.html");
    assert_eq!(
        text(&item, "h1"),
        "Kehittämishankkeiden yhteinen sivusto on avattu"
    );
    assert_eq!(text(&item, ".page-header .news-kind"), "Tiedote");
    assert_eq!(
        text(&item, ".page-header .page-meta"),
        "Julkaistu 2.11.2026 · Kirjoittaja: Viestintäyksikkö"
    );
    let time = select(&item, ".page-header time")[0];
    assert_eq!(time.value().attr("datetime"), Some("2026-11-02"));
    assert_eq!(
        texts(&item, "nav.languages a"),
        ["Suomeksi", "På svenska", "In English"]
    );
    assert_eq!(
        texts(&item, ".prose h2"),
        ["Mistä hankkeet löytyvät", "Palautetta sivustosta"]
    );

    let tukena = page(&rendered, "news/hyvat-kaytannot-koottu/index.html");
    let project = select(&tukena, ".page-header .page-meta a")[0];
    assert_eq!(project.value().attr("href"), Some("/projects/tukena/"));
    // Links to Markdown files in the bundle become links to their pages.
    let links: Vec<_> = select(&tukena, ".prose a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "/good-practices/asiakasraati/",
            "/good-practices/traumatietoinen-tuki/",
            "/good-practices/vertaisryhmatoiminta/"
        ]
    );
}

#[test]
fn a_project_page_lists_its_news_and_links_its_feed() {
    let (rendered, _) = render(&repo_root());
    let tukena = page(&rendered, "projects/tukena/index.html");
    assert_eq!(
        texts(&tukena, "#sec-uutiset + ul a"),
        ["TUKENA-hankkeen hyvät käytännöt on koottu verkkoon"]
    );
    let feed = select(&tukena, r#"head link[type="application/atom+xml"]"#);
    assert_eq!(
        feed[0].value().attr("href"),
        Some("/projects/tukena/atom.xml")
    );
    assert!(rendered.file("projects/tukena/atom.xml").is_some());
    // A project without news has neither a news section nor a feed.
    let sointu = page(&rendered, "projects/sointu/index.html");
    assert!(select(&sointu, "#sec-uutiset").is_empty());
    assert!(rendered.file("projects/sointu/atom.xml").is_none());

    let home = page(&rendered, "index.html");
    assert_eq!(texts(&home, "#latest-news ~ .news-list h3").len(), 3);
    let feed = select(&home, r#"head link[type="application/atom+xml"]"#);
    assert_eq!(feed[0].value().attr("href"), Some("/news/atom.xml"));
}

#[test]
fn atom_feeds_per_language_and_per_project_are_valid() {
    let (rendered, _) = render(&repo_root());
    let fi = entries(&xml(&rendered, "news/atom.xml"));
    assert_eq!(
        fi,
        [
            (
                "Kaikki hankkeet yhdellä tulostettavalla sivulla".to_string(),
                "https://hankkeet.example.fi/news/yleiskatsaus/".to_string()
            ),
            (
                "Kehittämishankkeiden yhteinen sivusto on avattu".to_string(),
                "https://hankkeet.example.fi/news/sivusto-avattu/".to_string()
            ),
            (
                "TUKENA-hankkeen hyvät käytännöt on koottu verkkoon".to_string(),
                "https://hankkeet.example.fi/news/hyvat-kaytannot-koottu/".to_string()
            ),
        ]
    );
    let sv = entries(&xml(&rendered, "sv/news/atom.xml"));
    assert_eq!(
        sv[0].1,
        "https://hankkeet.example.fi/sv/news/sivusto-avattu/"
    );
    let tukena = entries(&xml(&rendered, "projects/tukena/atom.xml"));
    assert_eq!(tukena.len(), 1);

    // The feed's time is its newest entry's, and the text is the whole item.
    let text = xml(&rendered, "news/atom.xml");
    let doc = Document::parse(&text).unwrap();
    let feed = doc.root_element();
    assert_eq!(child_text(feed, "updated"), "2026-11-16T12:00:00Z");
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("fi")
    );
    let first = child(feed, "entry");
    let content = child_text(first, "content");
    assert!(
        content.contains(r#"<a href="/overview/">Yleiskatsaus</a>"#),
        "{content}"
    );
    let category = child(first, "category");
    assert_eq!(category.attribute("term"), Some("news"));
}

#[test]
fn each_feed_carries_the_newest_items_up_to_feed_limit() {
    let site = example_with("feed_limit: 2");
    let (rendered, _) = render(site.path());
    let ids: Vec<String> = entries(&xml(&rendered, "news/atom.xml"))
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    assert_eq!(
        ids,
        [
            "https://hankkeet.example.fi/news/yleiskatsaus/",
            "https://hankkeet.example.fi/news/sivusto-avattu/",
        ]
    );
    // The feed's time is still its newest entry's.
    let text = xml(&rendered, "news/atom.xml");
    let doc = Document::parse(&text).unwrap();
    assert_eq!(
        child_text(doc.root_element(), "updated"),
        "2026-11-16T12:00:00Z"
    );
    // The news page lists every item, not just those in the feed.
    let news = page(&rendered, "news/index.html");
    assert_eq!(texts(&news, "main .news-entry h2").len(), 3);
}

#[test]
fn a_feed_limit_of_zero_is_an_error_that_names_the_default() {
    assert_zero_is_an_error(
        "feed_limit",
        "it is how many of the newest news items each feed carries; leave it out for 50",
    );
}

#[test]
fn news_pages_are_in_the_sitemap_with_their_language_versions() {
    let (rendered, _) = render(&repo_root());
    let text = xml(&rendered, "sitemap.xml");
    let doc = Document::parse(&text).unwrap();
    let url = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .find(|u| {
            u.children()
                .any(|c| c.text() == Some("https://hankkeet.example.fi/news/sivusto-avattu/"))
        })
        .expect("the news item is in the sitemap");
    let hreflangs: Vec<_> = url
        .children()
        .filter_map(|l| l.attribute("hreflang"))
        .collect();
    assert_eq!(hreflangs, ["fi", "sv", "en"]);
}

#[test]
fn mistakes_in_news_are_reported_at_their_line() {
    let dir = temp_copy(&fixture("errors/news"));
    std::fs::copy(fixture("errors/site.yaml"), dir.path().join("site.yaml")).unwrap();
    assert_eq!(
        lines(&errors_of(dir.path())),
        "error[invalid-news-type]: content/news/blogi.md:3:9: `blogi` is not a kind of news item\n\
         error[missing-field]: content/news/ilman-otsikkoa.md:1:1: required key `title` (otsikko) is missing\n\
         error[invalid-date]: content/news/kuukausi.md:3:13: `11/2026` gives only the month; a news item needs the day\n\
         error[unknown-key]: content/projects/alfa/news/kirjoittajat.md:4:1: unknown key `kirjoittajat`\n"
    );
    let hints: Vec<_> = errors_of(dir.path())
        .into_iter()
        .filter_map(|d| d.hint)
        .collect();
    assert!(
        hints[0].contains("`tyyppi: tiedote` (press release)"),
        "{hints:?}"
    );
    assert!(
        hints[3].contains("did you mean `kirjoittaja`?"),
        "{hints:?}"
    );
}
