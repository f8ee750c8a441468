//! Rebuilding after an edit: a body edit redoes only its page, and what it
//! makes is exactly what a full build makes; anything else rebuilds the site.

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
    // `serve` makes the search index itself, in the background.
    let pages = |files: &[hanke::render::Output]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|f| !f.path.starts_with(hanke::search::BUNDLE_DIR))
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect()
    };
    let kept = pages(&update.rendered.expect("the site rendered").files);
    let full = pages(&full.files);
    assert_eq!(kept.len(), full.len());
    for (a, b) in kept.iter().zip(&full) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs from a full build", a.0);
    }
}

#[test]
fn a_front_matter_edit_rebuilds_the_listings_too() {
    let (dir, mut session) = built();
    let root = dir.path();
    edit(
        root,
        ALPHA,
        "name: Alpha – testihanke",
        "name: Alpha – uusi nimi",
    );
    assert_eq!(
        changed_paths(&mut session, &[ALPHA]),
        None,
        "everything may change"
    );
    let update = session.rebuild(&[]);
    let home = page(update.rendered.unwrap(), "index.html");
    assert!(
        texts(&home, "main a")
            .iter()
            .any(|t| t == "Alpha – uusi nimi")
    );
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
