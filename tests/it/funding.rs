//! Funders' visibility: the EU emblem drawn to its specification, in the page
//! header, with the statement of the programme period; and each rule's message.

use crate::support::*;

fn emblem() -> String {
    let (rendered, _) = render(&repo_root());
    let file = rendered
        .files
        .iter()
        .find(|f| f.path == "eu-emblem.svg")
        .unwrap();
    String::from_utf8(file.bytes.clone()).unwrap()
}

fn points(polygon: &str) -> Vec<(f64, f64)> {
    polygon
        .split(' ')
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn the_emblem_follows_the_flag_specification() {
    let svg = emblem();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("viewBox"), Some("0 0 810 540"));
    let (width, height): (f64, f64) = (
        root.attribute("width").unwrap().parse().unwrap(),
        root.attribute("height").unwrap().parse().unwrap(),
    );
    assert!(close(width / height, 1.5), "width is 1.5 × height");
    let rect = doc.descendants().find(|n| n.has_tag_name("rect")).unwrap();
    assert_eq!(rect.attribute("fill"), Some("#003399"));
    let stars: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .collect();
    assert_eq!(stars.len(), 12);
    let fill = stars[0].parent().unwrap().attribute("fill");
    assert_eq!(fill, Some("#FFCC00"));
    let (cx, cy) = (width / 2.0, height / 2.0);
    for (hour, star) in stars.iter().enumerate() {
        let pts = points(star.attribute("points").unwrap());
        assert_eq!(pts.len(), 10, "five points, five inner corners");
        let outer: Vec<_> = pts.iter().step_by(2).collect();
        let (sx, sy) = (
            outer.iter().map(|p| p.0).sum::<f64>() / 5.0,
            outer.iter().map(|p| p.1).sum::<f64>() / 5.0,
        );
        // On a circle of radius height/3 around the centre, at the hours of a clock.
        let ring = ((sx - cx).powi(2) + (sy - cy).powi(2)).sqrt();
        assert!(
            close(ring, height / 3.0),
            "star {hour} is {ring} from the centre"
        );
        let angle = (sx - cx).atan2(cy - sy).to_degrees().rem_euclid(360.0);
        assert!(close(angle, hour as f64 * 30.0), "star {hour} at {angle}°");
        // Points on a circle of radius height/18, the first straight up.
        for (i, (x, y)) in pts.iter().enumerate() {
            let r = ((x - sx).powi(2) + (y - sy).powi(2)).sqrt();
            let expected = if i % 2 == 0 {
                height / 18.0
            } else {
                height / 18.0 * 0.381966
            };
            assert!(close(r, expected), "star {hour} point {i} at radius {r}");
        }
        assert!(
            close(pts[0].0, sx) && pts[0].1 < sy,
            "star {hour} is upright"
        );
    }
}

#[test]
fn eu_funded_pages_show_the_emblem_in_the_header_in_the_page_language() {
    let (rendered, _) = render(&repo_root());
    let sointu = page(&rendered, "projects/sointu/index.html");
    assert_eq!(
        text(&sointu, "main header [data-eu-emblem] .eu-statement"),
        "Euroopan unionin osarahoittama"
    );
    let img = &select(&sointu, "main header [data-eu-emblem] img")[0];
    assert_eq!(img.value().attr("src"), Some("/eu-emblem.svg"));
    assert_eq!(
        (img.value().attr("width"), img.value().attr("height")),
        (Some("72"), Some("48"))
    );
    assert!(fact(&sointu, "Rahoittajat").contains("Hämeen ELY-keskus (rahoituksen myöntäjä)"));
    // 2014–2020: "Euroopan unioni" and the fund's name.
    let tukena = page(&rendered, "projects/tukena/index.html");
    assert_eq!(
        texts(&tukena, "main header .eu-statement"),
        ["Euroopan unioniTurvapaikka-, maahanmuutto- ja kotouttamisrahasto"]
    );
    // Projects with no EU money carry no emblem.
    let tukeva = page(&rendered, "projects/tukeva/index.html");
    assert!(select(&tukeva, "[data-eu-emblem]").is_empty());
}

#[test]
fn the_emblem_grows_to_match_a_taller_funder_logo() {
    let (rendered, diagnostics) = render(&fixture("funding/logos"));
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    let html = page(&rendered, "projects/aito/index.html");
    let emblem = &select(&html, "[data-eu-emblem] img")[0];
    assert_eq!(
        (emblem.value().attr("width"), emblem.value().attr("height")),
        (Some("90"), Some("60"))
    );
    let logo = &select(&html, ".funder-logo img")[0];
    assert_eq!(
        logo.value().attr("alt"),
        Some("STEA – Sosiaali- ja terveysjärjestöjen avustuskeskus")
    );
    assert_eq!(logo.value().attr("height"), Some("60"));
    assert_eq!(text(&html, ".funder-statement"), "STEA:n rahoittama");
    assert!(rendered.copies.iter().any(|c| c.output == "logos/stea.svg"));
}

#[test]
fn each_funding_rule_names_the_project_the_rule_and_the_fix() {
    let outcome = hanke::render_site(&options(&fixture("funding/eu-rules")));
    assert_eq!(
        lines(&outcome.diagnostics),
        "error[eu-period]: content/projects/ilman-kautta.md:8:7: the project is EU-funded, but its programme period is unknown, so hanke cannot choose the EU marking\n\
         error[eu-aims]: content/projects/ilman-tavoitteita.md:1:1: “Ilman tavoitteita” is EU-funded, so its page must describe its aims (Regulation (EU) 2021/1060, Art. 50)\n\
         error[eu-results]: content/projects/ilman-tuloksia.md:1:1: “Ilman tuloksia” ended over 12 months ago, but its page does not describe its results (Regulation (EU) 2021/1060, Art. 50)\n\
         warning[eu-fund-name]: content/projects/rahaston-nimi.md:9:7: in 2021–2027 the fund's name (`Euroopan sosiaalirahasto plus`) is not shown beside the EU emblem\n\
         warning[retired-mark]: content/projects/rahaston-nimi.md:12:11: “Vipuvoimaa EU:lta” may no longer be used in 2021–2027\n\
         error[unknown-funder]: content/projects/tuntematon.md:8:7: no funder has the id `stae`\n\
         warning[funder-retired]: content/projects/tuntematon.md:9:7: `Lapin ELY-keskus` no longer existed when the project started\n"
    );
    let hints: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| d.hint.clone().unwrap())
        .collect();
    assert!(hints[0].starts_with("add `programme: Uudistuva ja osaava Suomi 2021–2027`"));
    assert_eq!(hints[5], "did you mean `stea`?");
}

#[test]
fn a_missing_logo_file_is_an_error() {
    let outcome = hanke::render_site(&options(&fixture("funding/missing-logo")));
    assert_eq!(
        lines(&outcome.diagnostics),
        "error[funder-logo]: data/funders.yaml:6:7: the logo file `static/logos/stea.svg` does not exist\n"
    );
}

#[test]
fn a_template_without_the_emblem_fails_the_build() {
    let outcome = hanke::render_site(&options(&fixture("funding/no-emblem")));
    assert!(outcome.rendered.is_none());
    assert_eq!(
        lines(&outcome.diagnostics),
        "error[eu-emblem]: templates/project.html: the page of “Sointu” does not show the EU emblem in its header, as the EU requires of EU-funded projects (Regulation (EU) 2021/1060, Annex IX)\n"
    );
}

#[test]
fn status_follows_the_build_date() {
    let status = |today: &str| {
        let mut opts = options(&repo_root());
        opts.today = today.parse().unwrap();
        let rendered = hanke::render_site(&opts).rendered.unwrap();
        let html = page(&rendered, "projects/monialainen-osaamisentuki/index.html");
        (fact(&html, "Tila"), select(&html, ".notice").len())
    };
    assert_eq!(status("2025-03-01"), ("Käynnissä".to_string(), 0));
    assert_eq!(status("2026-11-23"), ("Päättynyt".to_string(), 1));
}
