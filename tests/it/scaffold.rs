//! `hanke init` and `hanke new` produce files that build as they are.

use crate::support::*;

#[test]
fn init_then_build_succeeds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("hankkeet");
    let run = hanke(&["init", site.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "site.yaml",
        "content/projects/esimerkkihanke.md",
        ".github/workflows/hanke.yml",
    ] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    let (rendered, diagnostics) = render(&site);
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    let html = page(&rendered, "projects/esimerkkihanke/index.html");
    assert_eq!(text(&html, "h1"), "Esimerkkihanke");
    // The example site's statement exists from the start.
    assert!(
        rendered
            .files
            .iter()
            .any(|f| f.path == "saavutettavuusseloste/index.html")
    );

    let again = hanke(&["init", site.to_str().unwrap()]);
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("already exists; hanke does not overwrite files"),
        "{}",
        again.stderr
    );
}

#[test]
fn new_project_and_good_practice_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    hanke::scaffold::init(root, TODAY.parse().unwrap()).unwrap();
    let root_arg = root.to_str().unwrap();
    let run = hanke(&["new", "project", "nuorten-tuki", "--root", root_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text_of = std::fs::read_to_string(root.join("content/projects/nuorten-tuki.md")).unwrap();
    assert!(text_of.contains("# hallinnoija: Organisaatio        # administrator"));
    let run = hanke(&[
        "new",
        "good-practice",
        "nuorten-tuki",
        "raati",
        "--root",
        root_arg,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        root.join("content/projects/nuorten-tuki/index.md")
            .is_file()
    );
    assert!(!root.join("content/projects/nuorten-tuki.md").exists());

    let (rendered, diagnostics) = render(root);
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    let project = page(&rendered, "projects/nuorten-tuki/index.html");
    assert_eq!(text(&project, "h1"), "Nuorten tuki");
    assert_eq!(fact(&project, "Toteutusaika"), "23.11.2026–22.11.2028");
    let gp = page(&rendered, "good-practices/raati/index.html");
    assert_eq!(text(&gp, ".page-meta a"), "Nuorten tuki");
}

#[test]
fn new_news_site_wide_and_for_a_project_build_and_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    hanke::scaffold::init(root, TODAY.parse().unwrap()).unwrap();
    let root_arg = root.to_str().unwrap();
    let run = hanke(&["new", "news", "avajaiset", "--root", root_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let created = root.join("content/news/avajaiset.md");
    assert!(
        run.stderr
            .contains(&format!("created {}", created.display()))
    );
    // The single-file example project becomes a bundle to hold its news.
    let run = hanke(&[
        "new",
        "news",
        "--project",
        "esimerkkihanke",
        "kevatseminaari",
        "--root",
        root_arg,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        root.join("content/projects/esimerkkihanke/index.md")
            .is_file()
    );
    assert!(
        root.join("content/projects/esimerkkihanke/news/kevatseminaari.md")
            .is_file()
    );

    let (rendered, diagnostics) = render(root);
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    let item = page(&rendered, "news/avajaiset/index.html");
    assert_eq!(text(&item, "h1"), "Avajaiset");
    assert_eq!(text(&item, ".page-meta time"), "23.11.2026");
    let news = page(&rendered, "news/index.html");
    assert_eq!(
        texts(&news, "main .news-entry h2"),
        ["Avajaiset", "Kevatseminaari"]
    );
    let project = page(&rendered, "projects/esimerkkihanke/index.html");
    assert_eq!(texts(&project, ".news-list a"), ["Kevatseminaari"]);
    assert!(rendered.file("projects/esimerkkihanke/atom.xml").is_some());

    let again = hanke(&["new", "news", "avajaiset", "--root", root_arg]);
    assert_eq!(
        again.stderr,
        format!(
            "error: {} already exists; hanke does not overwrite files\n",
            created.display()
        )
    );
    let missing = hanke(&[
        "new",
        "news",
        "--project",
        "puuttuu",
        "x",
        "--root",
        root_arg,
    ]);
    assert_eq!(
        missing.stderr,
        "error: there is no project `puuttuu` in content/projects/; create it first with: hanke new project puuttuu\n"
    );
}

#[test]
fn new_suggests_a_usable_name_and_the_missing_project() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let run = hanke(&["new", "project", "Nuorten Tuki", "--root", root]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: `Nuorten Tuki` cannot be used in a web address; try `nuorten-tuki`\n"
    );
    let run = hanke(&["new", "good-practice", "puuttuu", "raati", "--root", root]);
    assert_eq!(
        run.stderr,
        "error: there is no project `puuttuu` in content/projects/; create it first with: hanke new project puuttuu\n"
    );
}
