//! Rebuilding after an edit: a body edit redoes only its page, and what it
//! makes is exactly what a full build makes; anything else rebuilds the site.

use std::path::{Path, PathBuf};

use hanke::session::Session;

use crate::support::*;

const ALPHA: &str = "content/projects/alpha/index.md";
const BETA: &str = "content/projects/beta.md";

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
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
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path();
    let mut session = Session::new(options(root));
    assert!(!session.build().has_errors());

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
    let kept = &update.rendered.expect("the site rendered").files;
    assert_eq!(kept.len(), full.files.len());
    for (a, b) in kept.iter().zip(&full.files) {
        assert_eq!(a.path, b.path);
        assert!(a.bytes == b.bytes, "{} differs from a full build", a.path);
    }
}

#[test]
fn a_front_matter_edit_rebuilds_the_listings_too() {
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path();
    let mut session = Session::new(options(root));
    session.build();
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
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path();
    let mut session = Session::new(options(root));
    assert!(!session.build().has_errors());

    edit(root, BETA, "## Tavoitteet", "## Päämäärät");
    let update = session.rebuild(&[PathBuf::from(BETA)]);
    assert!(update.changed.is_some(), "a body edit takes the short way");
    let errors: Vec<String> = update
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{} {}", d.file, d.line, d.code))
        .collect();
    assert_eq!(errors, vec![format!("{ALPHA}:65 broken-anchor")]);

    edit(root, BETA, "## Päämäärät", "## Tavoitteet");
    let update = session.rebuild(&[PathBuf::from(BETA)]);
    assert!(!update.has_errors(), "{}", lines(update.diagnostics));
    assert!(update.changed.is_some());
}

#[test]
fn an_error_in_a_body_is_reported_and_its_fix_clears_it() {
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path();
    let mut session = Session::new(options(root));
    session.build();

    edit(
        root,
        ALPHA,
        "~~yliviivattu~~",
        "[Puuttuva](/projects/ei-ole/)",
    );
    let update = session.rebuild(&[PathBuf::from(ALPHA)]);
    let errors: Vec<String> = update
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{} {}", d.file, d.line, d.code))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with(&format!("{ALPHA}:")), "{errors:?}");

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
