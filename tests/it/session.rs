//! Rebuilding after an edit: a body edit redoes only its page, an edit to
//! front matter only its pages and the listings, and what each makes is
//! exactly what a full build makes; anything else rebuilds the site.

use std::path::{Path, PathBuf};

use hanke::session::{Session, Update};

use crate::support::*;

const ALPHA: &str = "content/projects/alpha/index.md";
const BETA: &str = "content/projects/beta.md";

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// A session that has built a fresh copy of the full fixture.
fn built() -> (tempfile::TempDir, Session) {
    let dir = temp_copy(&fixture("build/full"));
    let mut session = Session::new(options(dir.path()));
    let update = session.build();
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    (dir, session)
}

/// The errors as `file:line code`.
fn errors(update: &Update) -> Vec<String> {
    update
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{} {}", d.file, d.line, d.code))
        .collect()
}

fn changed_paths(session: &mut Session, files: &[&str]) -> Option<Vec<String>> {
    let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let update = session.rebuild(&files);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    update
        .changed
        .map(|outputs| outputs.iter().map(|o| o.path.clone()).collect())
}

#[test]
fn a_body_edit_renders_only_its_page_and_gives_what_a_full_build_gives() {
    let (dir, mut session) = built();
    let root = dir.path();

    edit(
        root,
        ALPHA,
        "## Tausta",
        "Uusi kappale.\n\n## Tausta ja tarve",
    );
    let update = session.rebuild(&[PathBuf::from(ALPHA)]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    let changed: Option<Vec<&str>> = update
        .changed
        .as_ref()
        .map(|outputs| outputs.iter().map(|o| o.path.as_str()).collect());
    assert_eq!(changed, Some(vec!["projects/alpha/index.html"]));

    let (full, _) = render(root);
    let alpha = page(&full, "projects/alpha/index.html");
    assert_eq!(text(&alpha, "#tausta-ja-tarve"), "Tausta ja tarve");
    assert!(texts(&alpha, "main p").contains(&"Uusi kappale.".to_string()));
    assert_as_full_build(&update, root);
}

/// A session that has built a fresh copy of the example site.
fn example_built() -> (tempfile::TempDir, Session) {
    example_built_with("")
}

/// A session that has built a fresh copy of the example site with `settings`
/// added to its site.yaml.
fn example_built_with(settings: &str) -> (tempfile::TempDir, Session) {
    let dir = example_with(settings);
    let mut session = Session::new(options(dir.path()));
    let update = session.build();
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    (dir, session)
}

/// Asserts that `update` holds every file a full build of `root` makes, byte
/// for byte, and no other (`serve` makes the search index itself).
fn assert_as_full_build(update: &Update, root: &Path) {
    let (full, _) = render(root);
    let pages = |files: &[hanke::render::Output]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|f| !f.path.starts_with(hanke::search::BUNDLE_DIR))
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect()
    };
    let kept = pages(&update.rendered.expect("the site rendered").files);
    let full = pages(&full.files);
    let paths = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&kept), paths(&full));
    for (a, b) in kept.iter().zip(&full) {
        assert!(a.1 == b.1, "{} differs from a full build", a.0);
    }
}

/// Makes `edits` (file, text, new text) one by one, asserting after each that
/// the rebuild has no errors and gives what a full build gives.
fn edit_each_as_full_build(session: &mut Session, root: &Path, edits: &[(&str, &str, &str)]) {
    for &(file, from, to) in edits {
        edit(root, file, from, to);
        let update = session.rebuild(&[PathBuf::from(file)]);
        assert!(!update.has_errors(), "{}", lines(update.diagnostics));
        assert_as_full_build(&update, root);
    }
}

#[test]
fn a_front_matter_edit_changes_its_pages_and_the_listings_it_is_in_and_nothing_else() {
    let (dir, mut session) = example_built();
    let root = dir.path();
    let sointu = "content/projects/sointu.md";
    edit(root, sointu, "nimi: Sointu – ", "nimi: Uusi Sointu – ");
    let changed = changed_paths(&mut session, &[sointu]).expect("no file added or removed");
    for path in [
        "projects/sointu/index.html",
        "index.html",
        "overview/index.html",
        "regions/kymenlaakso/index.html",
        "contacts/index.html",
        "projects.json",
    ] {
        assert!(changed.iter().any(|c| c == path), "{path} not changed");
    }
    for path in [
        "projects/aito/index.html",
        "good-practices/asiakasraati/index.html",
        "news/sivusto-avattu/index.html",
        "404.html",
        // Its other versions name their languages, not the project.
        "sv/projects/sointu/index.html",
        // Listings it is not in, or in by its Swedish version.
        "regions/lappi/index.html",
        "sv/index.html",
        "good-practices/index.html",
        // Made from the whole site again, but the name is not in them.
        "sitemap.xml",
        "news/atom.xml",
    ] {
        assert!(!changed.iter().any(|c| c == path), "{path} changed");
    }
    let update = session.rebuild(&[]);
    assert_as_full_build(&update, root);
    let home = page(update.rendered.unwrap(), "index.html");
    assert!(
        texts(&home, "main a")
            .iter()
            .any(|t| t.starts_with("Uusi Sointu"))
    );
}

#[test]
fn edits_to_front_matter_give_what_a_full_build_gives() {
    let (dir, mut session) = example_built();
    let root = dir.path();
    let aito = "content/projects/aito.md";
    let edits = [
        // From one listing to another.
        (aito, "maakunta: Lappi", "maakunta: Pohjois-Pohjanmaa"),
        // A contact card.
        (aito, "puhelin: 040 515 2743", "puhelin: 040 515 0000"),
        // A news item moves down the news.
        (
            "content/news/yleiskatsaus.md",
            "päivämäärä: 16.11.2026",
            "päivämäärä: 1.11.2026",
        ),
        // A good practice's region, shown on its page and in its listing.
        (
            "content/projects/tukena/good-practices/asiakasraati.md",
            "maakunta: Uusimaa",
            "maakunta: Lappi",
        ),
        // A translation.
        (
            "content/projects/sointu.sv.md",
            "nimi: Sointu",
            "nimi: Ny Sointu",
        ),
        // The original: its translations take their dates from it.
        (
            "content/projects/sointu.md",
            "toteutusaika: 1.5.2024–30.11.2026",
            "toteutusaika: 1.5.2024–31.12.2027",
        ),
        // A project whose good practices and news name it.
        (
            "content/projects/tukena/index.md",
            "nimi: TUKENA-hanke",
            "nimi: Uusi TUKENA-hanke",
        ),
    ];
    // Two contacts change places: the same people, listed under their project
    // in another order.
    let contact = |name: &str, title: &str, phone: &str, email: &str| {
        format!(
            "  - nimi: {name}\n    titteli: {title}\n    organisaatio: Kaakkois-Suomen ammattikorkeakoulu\n    \
             yksikkö: Nuorisoalan tutkimus- ja kehittämisyksikkö Juvenia\n    puhelin: \"{phone}\"\n    sähköposti: {email}\n"
        )
    };
    let jaana = contact(
        "Jaana Poikolainen",
        "Tutkimuspäällikkö",
        "+358447028832",
        "Jaana.Poikolainen@xamk.fi",
    );
    let sanna = contact(
        "Sanna-Mari Pöyry",
        "Tki-asiantuntija",
        "+358401927974",
        "Sanna-Mari.Poyry@xamk.fi",
    );
    let (in_order, swapped) = (format!("{jaana}{sanna}"), format!("{sanna}{jaana}"));
    let swap = (
        "content/projects/sointu.md",
        in_order.as_str(),
        swapped.as_str(),
    );
    for (file, from, to) in edits.into_iter().chain([swap]) {
        edit(root, file, from, to);
        let update = session.rebuild(&[PathBuf::from(file)]);
        assert!(!update.has_errors(), "{}", lines(update.diagnostics));
        assert!(update.changed.is_some(), "{file}: no file added or removed");
        assert_as_full_build(&update, root);
    }
    let update = session.rebuild(&[]);
    let lappi = page(update.rendered.unwrap(), "regions/lappi/index.html");
    assert!(
        !texts(&lappi, "main h2, main h3")
            .iter()
            .any(|t| t.contains("Aito"))
    );
}

#[test]
fn edits_that_move_projects_and_news_between_pages_give_what_a_full_build_gives() {
    let (dir, mut session) = example_built_with("page_size: 2");
    let root = dir.path();
    let edits = [
        // Lappi keeps one project and Pohjois-Pohjanmaa gets a second page.
        (
            "content/projects/aito.md",
            "maakunta: Lappi",
            "maakunta: Pohjois-Pohjanmaa",
        ),
        // Ended early: from the ongoing to the first page of the ended.
        (
            "content/projects/sointu.md",
            "toteutusaika: 1.5.2024–30.11.2026",
            "toteutusaika: 1.5.2024–31.10.2026",
        ),
        // The newest news item becomes the oldest, on the second page.
        (
            "content/news/yleiskatsaus.md",
            "päivämäärä: 16.11.2026",
            "päivämäärä: 1.1.2020",
        ),
    ];
    edit_each_as_full_build(&mut session, root, &edits);
    let update = session.rebuild(&[]);
    let rendered = update.rendered.unwrap();
    let news = page(rendered, "news/page/2/index.html");
    assert_eq!(
        texts(&news, "main .news-list h2 a"),
        ["Kaikki hankkeet yhdellä tulostettavalla sivulla"]
    );
    assert!(
        rendered
            .file("regions/pohjois-pohjanmaa/page/2/index.html")
            .is_some()
    );
}

#[test]
fn a_news_page_gone_and_back_while_the_projects_stay_gives_what_a_full_build_gives() {
    let (dir, mut session) = example_built_with("page_size: 2");
    let root = dir.path();
    let news = "content/news/yleiskatsaus.md";
    let tukeva = "content/projects/tukeva.md";
    let text = std::fs::read_to_string(root.join(news)).unwrap();
    let second = "news/page/2/index.html";

    // Three news items make two pages; two make one.
    std::fs::remove_file(root.join(news)).unwrap();
    let update = session.rebuild(&[PathBuf::from(news)]);
    assert_as_full_build(&update, root);
    assert!(update.rendered.unwrap().file(second).is_none());
    let summary = (tukeva, "tiivistelmä: >-\n", "tiivistelmä: >-\n  Uusi.\n");
    edit_each_as_full_build(&mut session, root, &[summary]);

    std::fs::write(root.join(news), text).unwrap();
    let update = session.rebuild(&[PathBuf::from(news)]);
    assert_as_full_build(&update, root);
    assert!(update.rendered.unwrap().file(second).is_some());
    edit_each_as_full_build(&mut session, root, &[(tukeva, "  Uusi.\n", "  Uudempi.\n")]);
}

#[test]
fn body_edits_between_edits_to_front_matter_give_what_a_full_build_gives() {
    // A body edit changes the model in place; the front-matter edits after it
    // move projects within and between listings that remembered the old one.
    let (dir, mut session) = example_built_with("page_size: 2");
    let root = dir.path();
    let (aito, sointu) = ("content/projects/aito.md", "content/projects/sointu.md");
    let edits = [
        (aito, "## Verkostot", "Uusi kappale.\n\n## Verkostot"),
        (aito, "maakunta: Lappi", "maakunta: Pohjois-Pohjanmaa"),
        (
            sointu,
            "## Miten kehitämme",
            "Toinen kappale.\n\n## Miten kehitämme",
        ),
        (
            sointu,
            "toteutusaika: 1.5.2024–30.11.2026",
            "toteutusaika: 1.5.2024–31.10.2026",
        ),
        (aito, "maakunta: Pohjois-Pohjanmaa", "maakunta: Lappi"),
    ];
    edit_each_as_full_build(&mut session, root, &edits);
}

#[test]
fn a_page_added_renamed_or_deleted_gives_what_a_full_build_gives() {
    let (dir, mut session) = example_built();
    let root = dir.path();
    let from = root.join("content/projects/aito.md");
    let to = root.join("content/projects/aito-uusi.md");
    let aito = std::fs::read_to_string(&from).unwrap();
    std::fs::rename(&from, &to).unwrap();
    let files = [
        PathBuf::from("content/projects/aito.md"),
        PathBuf::from("content/projects/aito-uusi.md"),
    ];
    let update = session.rebuild(&files);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    assert!(update.changed.is_none(), "files were added and removed");
    assert_as_full_build(&update, root);
    let rendered = update.rendered.unwrap();
    assert!(rendered.file("projects/aito-uusi/index.html").is_some());
    assert!(rendered.file("projects/aito/index.html").is_none());

    // Edits after each of these leave the other pages as they were, and
    // still give what a full build gives.
    let tukeva = "content/projects/tukeva.md";
    edit_each_as_full_build(
        &mut session,
        root,
        &[(tukeva, "tiivistelmä: >-\n", "tiivistelmä: >-\n  Uusi.\n")],
    );

    std::fs::remove_file(&to).unwrap();
    let update = session.rebuild(&files[1..]);
    assert!(update.changed.is_none(), "a page was deleted");
    assert_as_full_build(&update, root);
    edit_each_as_full_build(&mut session, root, &[(tukeva, "  Uusi.\n", "  Uudempi.\n")]);
    std::fs::write(&from, aito).unwrap();
    let update = session.rebuild(&files[..1]);
    assert!(update.changed.is_none(), "a page was added");
    assert_as_full_build(&update, root);
    edit_each_as_full_build(
        &mut session,
        root,
        &[(tukeva, "  Uudempi.\n", "  Uusin.\n")],
    );
}

#[test]
fn an_error_in_front_matter_is_reported_as_a_full_build_reports_it_and_its_fix_clears_it() {
    let (dir, mut session) = example_built();
    let root = dir.path();
    let aito = "content/projects/aito.md";
    edit(root, aito, "maakunta: Lappi", "maakunta: [Lappi");
    let update = session.rebuild(&[PathBuf::from(aito)]);
    let wanted: Vec<String> = hanke::check_site(&options(root))
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{} {}", d.file, d.line, d.code))
        .collect();
    assert!(!wanted.is_empty());
    assert_eq!(errors(&update), wanted);

    edit(root, aito, "maakunta: [Lappi", "maakunta: Lappi");
    let update = session.rebuild(&[PathBuf::from(aito)]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    assert_as_full_build(&update, root);
}

#[test]
fn a_heading_removed_in_one_body_breaks_the_link_to_it_in_another_page() {
    let (dir, mut session) = built();
    let root = dir.path();

    edit(root, BETA, "## Tavoitteet", "## Päämäärät");
    let update = session.rebuild(&[PathBuf::from(BETA)]);
    assert!(update.changed.is_some(), "a body edit takes the short way");
    assert_eq!(errors(&update), vec![format!("{ALPHA}:65 broken-anchor")]);

    edit(root, BETA, "## Päämäärät", "## Tavoitteet");
    let update = session.rebuild(&[PathBuf::from(BETA)]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    assert!(update.changed.is_some());
}

#[test]
fn an_error_in_a_body_is_reported_and_its_fix_clears_it() {
    let (dir, mut session) = built();
    let root = dir.path();

    edit(
        root,
        ALPHA,
        "~~yliviivattu~~",
        "[Puuttuva](/projects/ei-ole/)",
    );
    let update = session.rebuild(&[PathBuf::from(ALPHA)]);
    assert_eq!(errors(&update), vec![format!("{ALPHA}:77 broken-link")]);

    edit(
        root,
        ALPHA,
        "[Puuttuva](/projects/ei-ole/)",
        "~~yliviivattu~~",
    );
    let update = session.rebuild(&[PathBuf::from(ALPHA)]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    assert!(
        update.changed.is_some(),
        "the body edit takes the short way"
    );
}

#[test]
fn a_temporary_file_that_came_and_went_changes_nothing() {
    let (_dir, mut session) = built();
    let update = session.rebuild(&[PathBuf::from("content/projects/alpha/sedX1b2c3")]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    let changed: Option<Vec<&str>> = update
        .changed
        .as_ref()
        .map(|outputs| outputs.iter().map(|o| o.path.as_str()).collect());
    assert_eq!(changed, Some(Vec::new()));
}

#[test]
fn edits_to_contact_cards_across_projects_and_translations_give_what_a_full_build_gives() {
    let dir = temp_copy(&fixture("i18n/site"));
    let root = dir.path();
    let mut session = Session::new(options(root));
    let update = session.build();
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    let english = "content/projects/alpha/index.en.md";
    let edits = [
        // A person only the English card has.
        (english, "title: Coordinator", "title: Senior coordinator"),
        // The person both versions share, on the Finnish card.
        (
            ALPHA,
            "titteli: Projektipäällikkö",
            "titteli: Projektijohtaja",
        ),
        // The Finnish card names her by another phone: the English card,
        // unchanged, is now another person, with a vCard of their own.
        (ALPHA, "puhelin: 040 123 4567", "puhelin: 040 765 4321"),
        // The English card too: one person again.
        (english, "phone: 040 123 4567", "phone: 040 765 4321"),
        // Another project's Anna, another person of the same name: her vCard
        // is anna-testaaja-2.
        (
            "content/projects/beta.md",
            "toteutusaika: 5/2018–2/2020\n",
            "toteutusaika: 5/2018–2/2020\nyhteystiedot:\n  - nimi: Anna Testaaja\n    puhelin: 050 111 2222\n",
        ),
        // Alpha's Anna is renamed: the other Anna's page, unchanged, now
        // links anna-testaaja.vcf.
        (ALPHA, "nimi: Anna Testaaja", "nimi: Anna Tester"),
    ];
    edit_each_as_full_build(&mut session, root, &edits);
    let update = session.rebuild(&[]);
    let beta = page(update.rendered.unwrap(), "projects/beta/index.html");
    let saves = select(&beta, ".contact-save a");
    assert_eq!(
        saves[0].value().attr("href"),
        Some("/contacts/anna-testaaja.vcf")
    );
}

#[test]
fn a_project_deleted_from_the_end_of_the_listings_gives_what_a_full_build_gives() {
    let (dir, mut session) = example_built();
    let root = dir.path();
    // Listings show projects in the order of the open data's rows. With the
    // last one gone, every project before it is where it was.
    let (full, _) = render(root);
    let json = &full.file("projects.json").unwrap().bytes;
    let rows: Vec<serde_json::Value> = serde_json::from_slice(json).unwrap();
    let last = rows.last().unwrap()["slug"].as_str().unwrap();
    let file = format!("content/projects/{last}.md");
    std::fs::remove_file(root.join(&file)).unwrap();
    let update = session.rebuild(&[PathBuf::from(&file)]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    assert_as_full_build(&update, root);
    let rendered = update.rendered.unwrap();
    assert!(
        rendered
            .file(&format!("projects/{last}/index.html"))
            .is_none()
    );
}

#[test]
fn edits_that_change_no_fact_other_pages_read_give_what_a_full_build_gives() {
    let (dir, mut session) = example_built();
    let root = dir.path();
    let sointu = "content/projects/sointu.md";
    let raati = "content/projects/tukena/good-practices/asiakasraati.md";
    let errors_of_full_build = || -> Vec<String> {
        let diagnostics = hanke::check_site(&options(root)).diagnostics;
        let errors = diagnostics.iter().filter(|d| d.is_error());
        errors
            .map(|d| format!("{}:{} {}", d.file, d.line, d.code))
            .collect()
    };
    // A good practice's problem stays reported through edits to a project.
    let broken = "  kautta.\n---\n[Puuttuva](/projects/ei-ole/)\n";
    edit(root, raati, "  kautta.\n---\n", broken);
    let update = session.rebuild(&[PathBuf::from(raati)]);
    assert_eq!(errors(&update), [format!("{raati}:15 broken-link")]);
    let summary = ("Kehitämme Kymenlaakson", "Kehitämme nyt Kymenlaakson");
    edit(root, sointu, summary.0, summary.1);
    let update = session.rebuild(&[PathBuf::from(sointu)]);
    assert_eq!(errors(&update), errors_of_full_build());
    edit(root, raati, broken, "  kautta.\n---\n");
    let update = session.rebuild(&[PathBuf::from(raati)]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    assert_as_full_build(&update, root);

    // The summary is on its page and card, not on the overview.
    edit(root, sointu, "Kehitämme nyt", "Kehitämme taas");
    let changed = changed_paths(&mut session, &[sointu]).expect("no file added or removed");
    assert!(changed.iter().any(|c| c == "projects/sointu/index.html"));
    assert!(
        !changed.iter().any(|c| c == "overview/index.html"),
        "{changed:?}"
    );
    assert_as_full_build(&session.rebuild(&[]), root);

    let sv = "content/projects/sointu.sv.md";
    edit_each_as_full_build(
        &mut session,
        root,
        &[
            // Its summary, main goal and budget: on its page, card and open data.
            (sointu, "Kehitämme taas", "Kehitämme taas nyt"),
            (sointu, "Kehittää ja pilotoida", "Kehittää, pilotoida"),
            (
                sointu,
                "kokonaisbudjetti: 356 164 €",
                "kokonaisbudjetti: 356 165 €",
            ),
            // A translation's own summary.
            (sv, "Vi utvecklar", "Nu utvecklar vi"),
            // A fact others read, then edits that read none, in turn.
            (sointu, "nimi: Sointu – ", "nimi: Uusi Sointu – "),
            (sointu, "Kehitämme taas nyt", "Kehitämme jälleen"),
            (sointu, "nimi: Uusi Sointu – ", "nimi: Sointu – "),
            (sointu, "Kehitämme jälleen", "Kehitämme"),
        ],
    );
    let update = session.rebuild(&[]);
    let sointu_page = page(update.rendered.unwrap(), "projects/sointu/index.html");
    let amounts = texts(&sointu_page, "main dd");
    assert!(
        amounts.iter().any(|t| t.starts_with("356\u{a0}165")),
        "{amounts:?}"
    );
}
