//! The example site in content/: every seed project, no warnings, no broken links.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use scraper::Html;

use crate::support::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run = build(&repo_root(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("warning"),
        "the example site has warnings:\n{}",
        run.stderr
    );
    (dir, out)
}

fn read(out: &Path, path: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(path)).unwrap())
}

#[test]
fn every_seed_project_has_a_page() {
    let (_dir, out) = built();
    let home = read(&out, "index.html");
    let mut names = texts(&home, "main .card h3 a");
    names.sort();
    assert_eq!(
        names,
        [
            "AITO-hanke",
            "Jäkälä – Jälkihuoltopalveluiden kehittäminen Lapissa",
            "Monialainen osaamisentuki lastensuojelun sosiaalityössä",
            "Pakopeli itsenäisyyteen",
            "Sointu – yhteiskehittämällä perheet osallisiksi lastensuojelun siirtymiin",
            "TUKENA-hanke",
            "TUKEVA – Tukea Kehitystä Vastuuta",
        ]
    );
    for slug in [
        "aito",
        "jakala",
        "monialainen-osaamisentuki",
        "pakopeli",
        "sointu",
        "tukena",
        "tukeva",
    ] {
        assert!(
            out.join(format!("projects/{slug}/index.html")).is_file(),
            "{slug}"
        );
    }
    let gps = read(&out, "good-practices/index.html");
    assert_eq!(texts(&gps, "main h2 a").len(), 3);
}

#[test]
fn sointu_shows_budget_funders_and_both_contacts() {
    let (_dir, out) = built();
    let html = read(&out, "projects/sointu/index.html");
    assert_eq!(fact(&html, "Kokonaisbudjetti"), "356\u{a0}164\u{a0}€");
    assert_eq!(
        fact(&html, "Xamkin osuus kokonaisbudjetista"),
        "71\u{a0}233\u{a0}€"
    );
    assert!(fact(&html, "Rahoittajat").contains("Hämeen ELY-keskus"));
    let names = texts(&html, "article.contact h3");
    assert!(names.contains(&"Jaana Poikolainen".to_string()));
    assert!(names.contains(&"Sanna-Mari Pöyry".to_string()));
    assert_eq!(select(&html, "a[href='tel:+358447028832']").len(), 1);
    assert_eq!(
        select(&html, "a[href='mailto:johanna.jussila@xamk.fi']").len(),
        1
    );
}

#[test]
fn translations_save_the_same_vcards_as_the_original() {
    let (_dir, out) = built();
    let saves = |path: &str| -> Vec<String> {
        let html = read(&out, path);
        let links = select(&html, ".contact-save a");
        links
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };
    let finnish = saves("projects/sointu/index.html");
    assert!(finnish.len() >= 2, "{finnish:?}");
    assert_eq!(saves("sv/projects/sointu/index.html"), finnish);
    assert_eq!(saves("en/projects/sointu/index.html"), finnish);
    for href in &finnish {
        assert!(out.join(href.trim_start_matches('/')).is_file(), "{href}");
    }
}

#[test]
fn aito_lists_its_guide_in_six_languages_and_its_extension() {
    let (_dir, out) = built();
    let html = read(&out, "projects/aito/index.html");
    assert_eq!(
        text(&html, ".publications li p:last-child"),
        "Kieliversiot: suomeksi, arabiaksi, venäjäksi, somaliaksi, swahiliksi, englanniksi"
    );
    assert_eq!(fact(&html, "Toteutusaika"), "3/2021–5/2023");
    assert_eq!(fact(&html, "Jatkoaika"), "6/2023–9/2023");
    assert_eq!(text(&html, ".notice strong"), "Hanke on päättynyt");
}

#[test]
fn every_internal_link_and_anchor_exists() {
    let (_dir, out) = built();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut links = Vec::new();
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let page_ids = select(&html, "[id]")
            .iter()
            .map(|e| e.value().attr("id").unwrap().to_string())
            .collect();
        ids.insert(path.clone(), page_ids);
        for e in select(&html, "a[href], link[href], img[src]") {
            let target = e.value().attr("href").or(e.value().attr("src")).unwrap();
            if let Some(rest) = target.strip_prefix('/') {
                links.push((path.clone(), rest.to_string()));
            } else if let Some(anchor) = target.strip_prefix('#') {
                links.push((
                    path.clone(),
                    format!("{}#{anchor}", path.trim_end_matches("index.html")),
                ));
            }
        }
    }
    assert!(links.len() > 50);
    for (from, link) in links {
        let (path, anchor) = link
            .split_once('#')
            .map_or((link.as_str(), None), |(p, a)| (p, Some(a)));
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        assert!(
            out.join(&file).is_file(),
            "{from} links to /{link}, which does not exist"
        );
        if let Some(anchor) = anchor {
            assert!(
                ids[&file].contains(anchor),
                "{from} links to /{link}: no such anchor"
            );
        }
    }
}
