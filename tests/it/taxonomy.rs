//! Finding projects by region, funder, status and the rest, and the overview
//! grouped by region (seed 001 is such a page).

use crate::support::*;

#[test]
fn each_taxonomy_lists_its_terms_with_counts() {
    let (rendered, _) = render(&repo_root());
    let regions = page(&rendered, "regions/index.html");
    assert_eq!(
        texts(&regions, "ul.terms li"),
        [
            "Kymenlaakso (1)",
            "Lappi (2)",
            "Pohjois-Pohjanmaa (2)",
            "Pohjois-Pohjanmaa ja Kainuu (1)",
            "Uusimaa (1)",
        ]
    );
    let status = page(&rendered, "status/index.html");
    assert_eq!(
        texts(&status, "ul.terms li"),
        ["Käynnissä (2)", "Päättynyt (5)"]
    );
    let lappi = page(&rendered, "regions/lappi/index.html");
    assert_eq!(text(&lappi, "h1"), "Lappi (2)");
    assert_eq!(
        texts(&lappi, "main h2 a"),
        [
            "Jäkälä – Jälkihuoltopalveluiden kehittäminen Lapissa",
            "AITO-hanke"
        ]
    );
    let eu = page(&rendered, "funders/euroopan-unioni/index.html");
    assert_eq!(texts(&eu, "main h2 a").len(), 3);
    for path in [
        "topics/index.html",
        "programmes/index.html",
        "administrators/index.html",
    ] {
        assert!(rendered.files.iter().any(|f| f.path == path), "{path}");
    }
}

#[test]
fn taxonomies_exist_in_every_language_and_mark_untranslated_projects() {
    let (rendered, _) = render(&repo_root());
    let sv = page(&rendered, "sv/regions/kymenlaakso/index.html");
    let link = &select(&sv, "main h2 a")[0];
    assert_eq!(link.value().attr("href"), Some("/sv/projects/sointu/"));
    assert_eq!(
        link.value().attr("lang"),
        None,
        "Sointu has a Swedish version"
    );
    let lappi = page(&rendered, "sv/regions/lappi/index.html");
    let jakala = &select(&lappi, "main h2 a")[0];
    assert_eq!(jakala.value().attr("lang"), Some("fi"));
    assert_eq!(text(&lappi, "h1"), "Lappi (2)");
    assert_eq!(select(&lappi, "html[lang='sv']").len(), 1);
}

#[test]
fn the_overview_groups_projects_by_region_with_their_key_facts() {
    let (rendered, _) = render(&repo_root());
    let html = page(&rendered, "overview/index.html");
    assert_eq!(
        texts(&html, "main h2"),
        [
            "Kymenlaakso",
            "Lappi",
            "Pohjois-Pohjanmaa",
            "Pohjois-Pohjanmaa ja Kainuu",
            "Uusimaa"
        ]
    );
    let jakala = select(&html, ".overview-project")
        .into_iter()
        .find(|s| s.text().collect::<String>().contains("Jäkälä"))
        .unwrap();
    let text_of = jakala
        .text()
        .collect::<String>()
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "(204038)",
        "Lapin ammattikorkeakoulu, Lapin hyvinvointialue, Lapin yliopisto",
        "1.3.2024–28.2.2027",
        "jälkihuollon tehtävissä työskentelevät sosiaaliohjaajat",
        "Luoda yhdenvertaiset ja tasalaatuiset jälkihuollon palvelut",
    ] {
        assert!(
            text_of.contains(expected),
            "{expected} missing from {text_of}"
        );
    }
}
