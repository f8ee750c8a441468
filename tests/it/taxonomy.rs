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
        texts(&lappi, "main h3 a"),
        [
            "Jäkälä – Jälkihuoltopalveluiden kehittäminen Lapissa",
            "AITO-hanke"
        ]
    );
    let eu = page(&rendered, "funders/euroopan-unioni/index.html");
    assert_eq!(texts(&eu, "main h3 a").len(), 3);
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
    let link = &select(&sv, "main h3 a")[0];
    assert_eq!(link.value().attr("href"), Some("/sv/projects/sointu/"));
    assert_eq!(
        link.value().attr("lang"),
        None,
        "Sointu has a Swedish version"
    );
    let lappi = page(&rendered, "sv/regions/lappi/index.html");
    let jakala = &select(&lappi, "main h3 a")[0];
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
    // The groups are the page's regions; the projects' entries are not.
    assert_eq!(select(&html, "main section[aria-labelledby]").len(), 5);
    assert_eq!(select(&html, "main section.overview-project").len(), 7);
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

fn example_grouped_by(group_by: &str) -> tempfile::TempDir {
    example_with(&format!("overview:\n  group_by: {group_by}"))
}

#[test]
fn site_yaml_chooses_what_the_overview_is_grouped_by() {
    let dir = example_grouped_by("status");
    let (rendered, _) = render(dir.path());
    let html = page(&rendered, "overview/index.html");
    assert_eq!(text(&html, "h1"), "Yleiskatsaus tilan mukaan");
    assert_eq!(texts(&html, "main h2"), ["Käynnissä", "Päättynyt"]);
    assert_eq!(
        select(&html, "main section section.overview-project").len(),
        7
    );
    let home = page(&rendered, "index.html");
    assert!(texts(&home, "nav a").contains(&"Yleiskatsaus tilan mukaan".to_string()));

    // No example project has topics: all of them are under "Other projects".
    let dir = example_grouped_by("topics");
    let (rendered, _) = render(dir.path());
    let html = page(&rendered, "en/overview/index.html");
    assert_eq!(text(&html, "h1"), "Overview by topic");
    assert_eq!(texts(&html, "main h2"), ["Other projects"]);
    assert_eq!(select(&html, ".overview-project").len(), 7);
}

#[test]
fn an_unknown_overview_grouping_is_an_error_with_the_choices() {
    let dir = example_grouped_by("maakunnat");
    let errors = errors_of(dir.path());
    let config = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    let line = config.lines().count();
    assert_eq!(
        lines(&errors),
        format!(
            "error[invalid-setting]: site.yaml:{line}:13: `maakunnat` is not a taxonomy to group the overview by\n"
        )
    );
    assert_eq!(
        errors[0].hint.as_deref(),
        Some(
            "the overview can be grouped by regions, topics, funders, programmes, status, administrators"
        )
    );
    let dir = example_grouped_by("region");
    assert!(
        errors_of(dir.path())[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `regions`?")
    );
}

#[test]
fn listings_show_each_project_through_the_card_template_a_site_can_override() {
    let rendered = with_partial(
        "project-card.html",
        r#"<p class="my-card" lang="{{ lang }}">{{ p.name }}: {{ t.duration }}</p>"#,
    );
    let lappi = page(&rendered, "regions/lappi/index.html");
    assert_eq!(text(&lappi, "main h2"), "Hankkeet");
    assert_eq!(
        texts(&lappi, "main ul.cards > li > p.my-card"),
        [
            "Jäkälä – Jälkihuoltopalveluiden kehittäminen Lapissa: Toteutusaika",
            "AITO-hanke: Toteutusaika"
        ]
    );
    // A Swedish listing renders the card in Swedish, also for projects that
    // are listed in Finnish.
    let sv = page(&rendered, "sv/regions/lappi/index.html");
    let cards = select(&sv, "main p.my-card");
    assert_eq!(cards.len(), 2);
    assert!(cards.iter().all(|c| c.value().attr("lang") == Some("sv")));
    let home = page(&rendered, "index.html");
    assert_eq!(select(&home, "main p.my-card").len(), 7);
}

#[test]
fn the_overview_shows_each_projects_entry_and_facts_through_partials_a_site_can_override() {
    let rendered = with_partial(
        "overview-facts.html",
        r#"<p class="my-facts" lang="{{ lang }}">{{ p.name }}: {{ t.duration }}</p>"#,
    );
    let overview = page(&rendered, "overview/index.html");
    let facts = texts(&overview, "main section.overview-project > p.my-facts");
    assert_eq!(facts.len(), 7);
    assert!(facts.contains(&"AITO-hanke: Toteutusaika".to_string()));
    // Under each project's own heading, as before.
    assert_eq!(
        select(&overview, "main section.overview-project > h3").len(),
        7
    );
    // Rendered in the overview's language, also for projects listed in Finnish.
    let sv = page(&rendered, "sv/overview/index.html");
    let facts = select(&sv, "main p.my-facts");
    assert_eq!(facts.len(), 7);
    assert!(facts.iter().all(|f| f.value().attr("lang") == Some("sv")));

    // The whole entry, heading and all, is a partial too.
    let rendered = with_partial(
        "overview-entry.html",
        r#"<p class="my-entry" lang="{{ lang }}"><a href="{{ p.url }}">{{ p.name }}</a></p>"#,
    );
    let overview = page(&rendered, "overview/index.html");
    assert!(select(&overview, ".overview-project").is_empty());
    let entries = texts(&overview, "main section > p.my-entry");
    assert_eq!(entries.len(), 7);
    assert!(entries.contains(&"AITO-hanke".to_string()));
    let sv = page(&rendered, "sv/overview/index.html");
    let entries = select(&sv, "main p.my-entry");
    assert_eq!(entries.len(), 7);
    assert!(entries.iter().all(|f| f.value().attr("lang") == Some("sv")));
}

#[test]
fn the_overview_reads_each_projects_entry_only_and_says_where_its_facts_go() {
    let site = example_with("");
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let overview =
        "{% for group in groups %}{% for p in group[1] %}\n{{ p.name }}{% endfor %}{% endfor %}";
    std::fs::write(templates.join("overview.html"), overview).unwrap();
    let errors = errors_of(site.path());
    assert_eq!(
        lines(&errors),
        "error[template]: templates/overview.html:2:6: Field `name` is not defined. Available fields: overview_entry\n"
    );
    assert_eq!(
        errors[0].hint.as_deref(),
        Some(
            "the overview shows each project as `p.overview_entry` only: show its facts in partials/overview-entry.html, which sees all of `p`"
        )
    );
}

/// The example site rendered with the theme's partial `name` overridden by the site.
fn with_partial(name: &str, template: &str) -> hanke::render::Rendered {
    let site = example_with("");
    let templates = site.path().join("templates/partials");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join(name), template).unwrap();
    render(site.path()).0
}

#[test]
fn a_broken_card_template_is_reported_in_its_file() {
    let site = example_with("");
    let templates = site.path().join("templates/partials");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("project-card.html"),
        "{{ p.name | no_such_filter }}",
    )
    .unwrap();
    let errors = errors_of(site.path());
    assert_eq!(errors.len(), 1, "{}", lines(&errors));
    assert_eq!(
        lines(&errors),
        "error[template]: templates/partials/project-card.html:1:13: Unknown filter `no_such_filter`\n"
    );
    // Found only when a card renders.
    std::fs::write(templates.join("project-card.html"), "{{ p.name.first }}").unwrap();
    assert_eq!(
        lines(&errors_of(site.path())),
        "error[template]: templates/partials/project-card.html:1:11: Field `first` is not defined.\n"
    );
}
