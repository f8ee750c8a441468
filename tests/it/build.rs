//! A full fixture site, rendered and read back as a reader would see it.

use crate::support::*;

fn full() -> hanke::render::Rendered {
    render(&fixture("build/full")).0
}

#[test]
fn project_page_shows_key_facts_in_finnish_formats() {
    let html = page(&full(), "projects/alpha/index.html");
    assert_eq!(text(&html, "h1"), "Alpha – testihanke");
    assert_eq!(select(&html, "h1").len(), 1);
    assert_eq!(fact(&html, "Hankekoodi"), "204038");
    assert_eq!(
        fact(&html, "Hallinnoija"),
        "Kaakkois-Suomen ammattikorkeakoulu"
    );
    assert_eq!(
        fact(&html, "Toteuttajat"),
        "Lapin ammattikorkeakoulu, Lapin yliopisto"
    );
    assert_eq!(fact(&html, "Kumppanit"), "SOS-Lapsikylä");
    assert_eq!(fact(&html, "Toteutusaika"), "1.3.2024–28.2.2027");
    assert_eq!(fact(&html, "Tila"), "Käynnissä");
    assert_eq!(fact(&html, "Kunnat"), "Kotka, Kouvola");
    let times: Vec<_> = select(&html, "dl.facts time")
        .iter()
        .map(|t| t.value().attr("datetime").unwrap().to_string())
        .collect();
    assert_eq!(times, ["2024-03-01", "2027-02-28"]);
}

#[test]
fn funding_and_budget_use_finnish_money_format() {
    let html = page(&full(), "projects/alpha/index.html");
    assert_eq!(fact(&html, "Kokonaisbudjetti"), "356\u{a0}164\u{a0}€");
    assert_eq!(fact(&html, "Oma osuus"), "71\u{a0}233,50\u{a0}€");
    assert_eq!(
        fact(&html, "Ohjelma"),
        "Uudistuva ja osaava Suomi 2021–2027"
    );
    assert_eq!(
        fact(&html, "Erityistavoite"),
        "5.1 Turvaverkkoja nuorten tulevaisuuteen"
    );
    assert_eq!(
        fact(&html, "Rahoittajat"),
        "Euroopan unioni (osarahoittaja)Hämeen ELY-keskus"
    );
}

#[test]
fn contact_cards_link_phones_and_emails() {
    let html = page(&full(), "projects/alpha/index.html");
    let cards = select(&html, "ul.contacts > li > article");
    assert_eq!(cards.len(), 2);
    assert_eq!(
        texts(&html, "article.contact h3"),
        ["Jaana Poikolainen", "Johanna Jussila"]
    );
    let tel: Vec<_> = select(&html, "article.contact a[href^='tel:']")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    assert_eq!(
        tel,
        [
            ("tel:+358447028832".to_string(), "044 702 8832".to_string()),
            ("tel:+358447028458".to_string(), "044 702 8458".to_string()),
        ]
    );
    let mail: Vec<_> = select(&html, "article.contact a[href^='mailto:']")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        mail,
        [
            "mailto:Jaana.Poikolainen@xamk.fi",
            "mailto:johanna.jussila@xamk.fi"
        ]
    );
}

#[test]
fn links_to_files_state_type_and_size_and_resolve_to_bundle_urls() {
    let html = page(&full(), "projects/alpha/index.html");
    let report = select(&html, "section[aria-labelledby='sec-linkit'] a")
        .into_iter()
        .find(|a| a.text().collect::<String>().starts_with("Loppuraportti"))
        .unwrap();
    assert_eq!(
        report.value().attr("href"),
        Some("/projects/alpha/liitteet/loppuraportti.pdf")
    );
    assert_eq!(
        report.text().collect::<String>(),
        "Loppuraportti (PDF, 1,2\u{a0}Mt)"
    );
    let body_links: Vec<_> = select(&html, ".prose a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        body_links[..2],
        ["/projects/beta/", "/projects/beta/#tavoitteet"]
    );
    let img = &select(&html, ".prose img")[0];
    assert_eq!(img.value().attr("src"), Some("/projects/alpha/kuva.svg"));
    assert_eq!(img.value().attr("alt"), Some("Kaavio toimintamallista"));
}

#[test]
fn markdown_tables_footnotes_strikethrough_and_heading_ids() {
    let html = page(&full(), "projects/alpha/index.html");
    assert_eq!(texts(&html, ".prose table th"), ["Vuosi", "Osallistujat"]);
    assert_eq!(select(&html, ".prose del").len(), 1);
    assert_eq!(select(&html, ".prose .footnote-definition").len(), 1);
    assert_eq!(select(&html, ".prose h2#tausta").len(), 1);
}

/// The bundle and static files of the `build/full` fixture, as published.
const FIXTURE_COPIES: [&str; 3] = [
    "logo.svg",
    "projects/alpha/kuva.svg",
    "projects/alpha/liitteet/loppuraportti.pdf",
];

/// The output paths of the files a build copies, sorted.
fn copied(rendered: &hanke::render::Rendered) -> Vec<&str> {
    let mut copied: Vec<_> = rendered.copies.iter().map(|c| c.output.as_str()).collect();
    copied.sort();
    copied
}

#[test]
fn bundle_assets_and_static_files_are_copied() {
    let rendered = full();
    assert_eq!(copied(&rendered), FIXTURE_COPIES);
    assert!(rendered.files.iter().any(|f| f.path == "style.css"));
}

#[test]
fn front_matter_and_body_html_is_escaped() {
    let rendered = full();
    let html = page(&rendered, "projects/beta/index.html");
    assert_eq!(
        select(&html, "script:not([type='application/ld+json'])").len(),
        0
    );
    assert_eq!(select(&html, "main img").len(), 0);
    assert_eq!(text(&html, "h1"), "Beta <script>alert('nimi')</script>");
    assert_eq!(fact(&html, "Hallinnoija"), "<b>Hallinnoija</b> & kumppanit");
    let home = page(&rendered, "index.html");
    assert_eq!(select(&home, "script").len(), 0);
    let ld = &select(&html, "script[type='application/ld+json']")[0];
    assert!(!ld.inner_html().contains("</script"));
    assert_eq!(select(&home, "main img").len(), 0);
}

#[test]
fn month_precision_dates_and_extensions() {
    let html = page(&full(), "projects/beta/index.html");
    assert_eq!(fact(&html, "Toteutusaika"), "5/2018–2/2020");
    assert_eq!(fact(&html, "Jatkoaika"), "6/2020–9/2020");
    assert_eq!(fact(&html, "Tila"), "Päättynyt");
}

#[test]
fn home_lists_ongoing_before_ended() {
    let html = page(&full(), "index.html");
    assert_eq!(
        texts(&html, "main h2"),
        [
            "Käynnissä olevat hankkeet (1)",
            "Päättyneet hankkeet (1)",
            "Selaa hankkeita"
        ]
    );
    let names: Vec<_> = texts(&html, "main h3 a");
    assert_eq!(
        names,
        ["Alpha – testihanke", "Beta <script>alert('nimi')</script>"]
    );
}

#[test]
fn good_practice_pages_follow_innokyla_and_name_their_project() {
    let rendered = full();
    let html = page(&rendered, "good-practices/asiakasraati/index.html");
    assert_eq!(text(&html, "h1"), "Nuorten asiakasraati");
    assert_eq!(
        texts(&html, "main h2"),
        [
            "Ratkaisun perusidea",
            "Toteutus",
            "Toimivuuden ja käyttöönoton ehdot",
            "Arviointi ja tulokset",
            "Materiaalit"
        ]
    );
    let project = &select(&html, ".page-meta a")[0];
    assert_eq!(project.value().attr("href"), Some("/projects/alpha/"));
    assert_eq!(select(&html, "strong").len(), 1);
    let innokyla = select(&html, "a[href^='https://www.innokyla.fi/']");
    assert_eq!(innokyla.len(), 1);
    let material = &select(&html, "section[aria-labelledby='sec-materials'] a")[0];
    assert_eq!(
        material.value().attr("href"),
        Some("/projects/alpha/liitteet/loppuraportti.pdf")
    );

    let index = page(&rendered, "good-practices/index.html");
    assert_eq!(texts(&index, "main h2 a"), ["Nuorten asiakasraati"]);
    let project_page = page(&rendered, "projects/alpha/index.html");
    assert_eq!(
        texts(
            &project_page,
            "section[aria-labelledby='sec-hyvat-kaytannot'] a"
        ),
        ["Nuorten asiakasraati"]
    );
}

#[test]
fn publications_list_language_versions_in_words() {
    let html = page(&full(), "projects/alpha/index.html");
    let versions = text(&html, ".publications li p");
    assert_eq!(
        versions,
        "Kieliversiot: arabiaksi (PDF, 1,2\u{a0}Mt), ruotsiksi"
    );
    let ar = &select(&html, ".publications a[hreflang='ar']")[0];
    assert_eq!(
        ar.value().attr("href"),
        Some("/projects/alpha/liitteet/loppuraportti.pdf")
    );
}

#[test]
fn english_summary_is_marked_as_english() {
    let html = page(&full(), "projects/alpha/index.html");
    let section = &select(&html, "section[lang='en']")[0];
    assert!(
        section
            .text()
            .collect::<String>()
            .contains("A short summary in English.")
    );
    assert_eq!(select(&html, "html[lang='fi']").len(), 1);
}

#[test]
fn a_preview_base_url_prefixes_every_internal_link() {
    let mut options = options(&fixture("build/full"));
    options.base_url = Some("https://user.github.io/hanke/pr-7".into());
    let rendered = hanke::render_site(&options).rendered.unwrap();
    let html = page(&rendered, "projects/alpha/index.html");
    let hrefs: Vec<_> = select(&html, "a[href^='/'], link[href^='/'], img[src^='/']")
        .iter()
        .map(|e| {
            e.value()
                .attr("href")
                .or(e.value().attr("src"))
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(hrefs.len() > 5);
    for href in &hrefs {
        assert!(
            href.starts_with("/hanke/pr-7/"),
            "{href} lacks the base path"
        );
    }
    let canonical = &select(&html, "link[rel=canonical]")[0];
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://user.github.io/hanke/pr-7/projects/alpha/")
    );
}

#[test]
fn the_theme_stylesheet_stays_small() {
    let rendered = full();
    let css = rendered
        .files
        .iter()
        .find(|f| f.path == "style.css")
        .unwrap();
    assert!(
        css.bytes.len() < 30_000,
        "style.css is {} bytes",
        css.bytes.len()
    );
    assert!(!String::from_utf8_lossy(&css.bytes).contains("@font-face"));
}

#[test]
fn hidden_and_editor_temporary_files_are_skipped_at_every_depth() {
    let site = temp_copy(&fixture("build/full"));
    let projects = site.path().join("content/projects");
    for (file, text) in [
        (".alpha.md.swp", "swap"),
        ("#alpha.md#", "autosave"),
        (".drafts/gamma.md", "---\nname: Gamma\n---\n"),
        ("alpha/.cache/delta.md", "---\nname: Delta\n---\n"),
        ("alpha/kuva.svg~", "backup"),
        ("muistiinpanot.txt", "not a page"),
    ] {
        let path = projects.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let (rendered, diagnostics) = render(site.path());
    // Of the new files, only the one neither hidden nor temporary is reported.
    let key = |d: &hanke::diagnostic::Diagnostic| (d.code, d.file.clone(), d.message.clone());
    let before: Vec<_> = render(&fixture("build/full")).1.iter().map(key).collect();
    let new: Vec<_> = diagnostics
        .iter()
        .filter(|d| !before.contains(&key(d)))
        .map(|d| (d.code, d.file.clone()))
        .collect();
    assert_eq!(
        new,
        [(
            "unused-file",
            "content/projects/muistiinpanot.txt".to_string()
        )]
    );
    assert_eq!(copied(&rendered), FIXTURE_COPIES);
    assert!(
        !rendered
            .files
            .iter()
            .any(|f| f.path.contains("gamma") || f.path.contains("delta"))
    );
}
