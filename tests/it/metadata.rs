//! What search engines and social media read: sitemap with language versions,
//! robots.txt, Open Graph and Twitter cards.

use crate::support::*;

#[test]
fn the_sitemap_lists_every_page_with_its_language_versions() {
    let (rendered, _) = render(&fixture("i18n/site"));
    let xml = rendered
        .files
        .iter()
        .find(|f| f.path == "sitemap.xml")
        .unwrap();
    let text = std::str::from_utf8(&xml.bytes).unwrap();
    let doc = roxmltree::Document::parse(text).unwrap();
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    let locs: Vec<&str> = urls
        .iter()
        .map(|u| {
            u.children()
                .find(|c| c.has_tag_name("loc"))
                .unwrap()
                .text()
                .unwrap()
        })
        .collect();
    let pages = rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html") && f.path != "404.html")
        .count();
    assert_eq!(locs.len(), pages, "every page but 404 is listed");
    let mut sorted = locs.clone();
    sorted.sort();
    assert_eq!(locs, sorted, "listed in the order of their addresses");
    assert!(locs.contains(&"https://example.fi/sv/projects/alpha/"));
    let alpha = urls
        .iter()
        .find(|u| {
            u.children()
                .any(|c| c.text() == Some("https://example.fi/projects/alpha/"))
        })
        .unwrap();
    let alternates: Vec<_> = alpha
        .children()
        .filter(|c| c.has_tag_name("link"))
        .map(|l| {
            format!(
                "{} {}",
                l.attribute("hreflang").unwrap(),
                l.attribute("href").unwrap()
            )
        })
        .collect();
    assert_eq!(
        alternates,
        [
            "fi https://example.fi/projects/alpha/",
            "sv https://example.fi/sv/projects/alpha/",
            "en https://example.fi/en/projects/alpha/",
        ]
    );
    let robots = rendered
        .files
        .iter()
        .find(|f| f.path == "robots.txt")
        .unwrap();
    assert_eq!(
        std::str::from_utf8(&robots.bytes).unwrap(),
        "User-agent: *\nAllow: /\nSitemap: https://example.fi/sitemap.xml\n"
    );
}

#[test]
fn project_pages_carry_open_graph_with_the_image_and_its_alt_text() {
    let (rendered, _) = render(&fixture("build/full"));
    let html = page(&rendered, "projects/alpha/index.html");
    let meta = |property: &str| {
        select(
            &html,
            &format!("meta[property='{property}'], meta[name='{property}']"),
        )[0]
        .value()
        .attr("content")
        .unwrap()
        .to_string()
    };
    assert_eq!(meta("og:type"), "article");
    assert_eq!(meta("og:title"), "Alpha – testihanke");
    assert_eq!(meta("og:description"), "Lyhyt kuvaus hankkeesta.");
    assert_eq!(meta("og:url"), "https://example.fi/projects/alpha/");
    assert_eq!(
        meta("og:image"),
        "https://example.fi/projects/alpha/kuva.svg"
    );
    assert_eq!(meta("og:image:alt"), "Kolme henkilöä istumassa nurmikolla.");
    assert_eq!(meta("og:locale"), "fi_FI");
    assert_eq!(meta("twitter:card"), "summary_large_image");
    let home = page(&rendered, "index.html");
    assert_eq!(
        select(&home, "meta[property='og:type']")[0]
            .value()
            .attr("content"),
        Some("website")
    );
}

#[test]
fn open_data_as_json_and_as_csv_for_finnish_excel() {
    let (rendered, _) = render(&fixture("build/full"));
    let file = |path: &str| {
        &rendered
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap()
            .bytes
    };
    let json: serde_json::Value = serde_json::from_slice(file("projects.json")).unwrap();
    let alpha = &json.as_array().unwrap()[0];
    assert_eq!(alpha["slug"], "alpha");
    assert_eq!(alpha["url"], "https://example.fi/projects/alpha/");
    assert_eq!(alpha["code"], "204038");
    assert_eq!(alpha["start"], "2024-03-01");
    assert_eq!(alpha["end"], "2027-02-28");
    assert_eq!(alpha["status"], "ongoing");
    assert_eq!(alpha["funders"], "Euroopan unioni, Hämeen ELY-keskus");
    assert_eq!(alpha["eu_period"], "2021-2027");
    assert_eq!(alpha["total_budget_eur"], 356164);
    assert!(
        alpha.get("contacts").is_none(),
        "no personal data in open data"
    );

    let csv_bytes = file("projects.csv");
    assert!(
        csv_bytes.starts_with("\u{feff}".as_bytes()),
        "a byte order mark for Excel"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&csv_bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "slug",
            "url",
            "name",
            "short_name",
            "code",
            "status",
            "start",
            "end",
            "administrator",
            "implementers",
            "partners",
            "region",
            "municipalities",
            "target_groups",
            "main_goal",
            "summary",
            "programme",
            "priority",
            "specific_objective",
            "funders",
            "eu_period",
            "total_budget_eur",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][2], "Alpha – testihanke");
    assert_eq!(&rows[0][9], "Lapin ammattikorkeakoulu, Lapin yliopisto");
    assert_eq!(&rows[0][21], "356164");
    assert_eq!(&rows[1][2], "Beta <script>alert('nimi')</script>");
}

#[test]
fn the_published_front_matter_schema_knows_every_key_hanke_accepts() {
    let (rendered, _) = render(&fixture("build/full"));
    let file = rendered
        .files
        .iter()
        .find(|f| f.path == "schema/project.json")
        .unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
    let mut published: Vec<String> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    published.sort();
    // The keys hanke accepts, as its own "unknown key" message lists them.
    let source = std::sync::Arc::new(hanke::diagnostic::SourceText {
        path: "x.md".into(),
        text: "zzzz_tuntematon: 1\n".into(),
    });
    let doc = hanke::yaml::Document {
        yaml: &source.text,
        source: &source,
        line_offset: 0,
    };
    let error = doc.parse::<hanke::content::raw::RawProject>().unwrap_err();
    let hint = error.hint.unwrap();
    let mut accepted: Vec<String> = hint
        .strip_prefix("valid keys here: ")
        .unwrap()
        .split(", ")
        .map(String::from)
        .collect();
    accepted.sort();
    assert_eq!(published, accepted);
    assert_eq!(
        schema["properties"]["toteutusaika"]["description"]
            .as_str()
            .map(|d| d.starts_with("Toteutusaika")),
        Some(true)
    );
}
