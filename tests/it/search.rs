//! Search: the Pagefind index of the pages marked for it, one per language, and
//! a search page that works without a server. (The browser tests type into it.)

use crate::support::*;

#[test]
fn the_index_holds_the_marked_pages_of_each_language() {
    let (rendered, _) = render(&repo_root());
    let entry = rendered
        .file("pagefind/pagefind-entry.json")
        .expect("the index has its entry file");
    let entry: serde_json::Value = serde_json::from_slice(&entry.bytes).unwrap();
    for lang in ["fi", "sv", "en"] {
        let marked = rendered
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| String::from_utf8_lossy(&f.bytes))
            .filter(|html| html.contains(&format!("<html lang=\"{lang}\"")))
            .filter(|html| html.contains("data-pagefind-body"))
            .count();
        assert_eq!(
            entry["languages"][lang]["page_count"], marked,
            "pages indexed in {lang}"
        );
    }
    // Projects, good practices and news: 7 + 3 + 3 in Finnish.
    assert_eq!(entry["languages"]["fi"]["page_count"], 13);
    assert!(rendered.file("pagefind/pagefind.js").is_some());
    // Pagefind's own ready-made interfaces are left out: the theme has its own.
    assert!(
        !rendered
            .files
            .iter()
            .any(|f| f.path.starts_with("pagefind/pagefind-ui"))
    );
}

/// Each result of a search leads to the page it was found on: the index holds
/// one fragment per marked page, at the page's own address.
#[test]
fn each_indexed_page_is_found_at_its_own_address() {
    use std::io::Read;
    let (rendered, _) = render(&repo_root());
    let mut found: Vec<String> = rendered
        .files
        .iter()
        .filter(|f| f.path.starts_with("pagefind/fragment/"))
        .map(|f| {
            let mut json = Vec::new();
            flate2::read::GzDecoder::new(f.bytes.as_slice())
                .read_to_end(&mut json)
                .unwrap();
            // Pagefind marks its decompressed files with a signature.
            let json = json.strip_prefix(b"pagefind_dcd").expect("a fragment");
            let fragment: serde_json::Value = serde_json::from_slice(json).unwrap();
            fragment["url"].as_str().unwrap().to_string()
        })
        .collect();
    found.sort();
    let mut marked: Vec<String> = rendered
        .files
        .iter()
        .filter(|f| hanke::search::is_indexed(f))
        .map(|f| format!("/{}", f.path.trim_end_matches("index.html")))
        .collect();
    marked.sort();
    assert!(
        marked.contains(&"/projects/sointu/".to_string()),
        "{marked:?}"
    );
    assert!(
        marked.contains(&"/sv/projects/sointu/".to_string()),
        "{marked:?}"
    );
    assert_eq!(found, marked);
}

#[test]
fn the_search_page_is_a_labelled_form_that_leads_to_the_listings() {
    let (rendered, _) = render(&repo_root());
    let html = page(&rendered, "sv/search/index.html");
    let form = select(&html, "form[role=search]");
    assert_eq!(form[0].value().attr("action"), Some("/sv/search/"));
    assert_eq!(form[0].value().attr("data-bundle"), Some("/pagefind/"));
    assert_eq!(
        text(&html, "label[for=search-input]"),
        "Sök bland projekt, goda praxis och nyheter"
    );
    assert_eq!(
        select(&html, "input#search-input[name=q][type=search]").len(),
        1
    );
    assert_eq!(select(&html, "#search-status[role=status]").len(), 1);
    assert!(texts(&html, ".search-browse a").contains(&"Per landskap".to_string()));
    assert_eq!(
        text(&html, "noscript"),
        // html5ever parses <noscript> as if scripts ran: its content is text.
        "<p class=\"search-status\">Sökningen kräver JavaScript. Utan det kan du bläddra på webbplatsen i listorna nedan.</p>"
    );
    let home = page(&rendered, "sv/index.html");
    assert!(texts(&home, "header nav a").contains(&"Sök".to_string()));
}

#[test]
fn search_false_builds_no_index_and_no_search_page() {
    let dir = example_with("search: false");
    let (rendered, _) = render(dir.path());
    assert!(
        !rendered
            .files
            .iter()
            .any(|f| f.path.starts_with("pagefind/") || f.path.ends_with("search/index.html"))
    );
    let home = page(&rendered, "index.html");
    assert!(!texts(&home, "header nav a").contains(&"Haku".to_string()));
}

#[test]
fn check_makes_no_search_index() {
    let outcome = hanke::check_site(&options(&repo_root()));
    let rendered = outcome.rendered.expect("the example site has no errors");
    assert!(rendered.file("search/index.html").is_some());
    assert!(
        !rendered
            .files
            .iter()
            .any(|f| f.path.starts_with(hanke::search::BUNDLE_DIR))
    );
}
