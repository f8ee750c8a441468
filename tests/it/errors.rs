//! Bad input: each kind of mistake gets one exact message, at the right file,
//! line and column, and every problem in every file is reported in one run.

use std::path::Path;

use crate::support::*;

/// A case folder from tests/fixtures/errors/, with the shared site.yaml.
fn site(case: &str) -> tempfile::TempDir {
    let dir = temp_copy(&fixture(&format!("errors/{case}")));
    std::fs::copy(fixture("errors/site.yaml"), dir.path().join("site.yaml")).unwrap();
    dir
}

fn report(case: &str) -> String {
    let dir = site(case);
    lines(&errors_of(dir.path()))
}

fn hints(case: &str) -> Vec<String> {
    let dir = site(case);
    errors_of(dir.path())
        .into_iter()
        .filter_map(|d| d.hint)
        .collect()
}

#[test]
fn impossible_date_in_a_range_points_at_the_bad_date() {
    assert_eq!(
        report("invalid-date"),
        "error[invalid-date]: content/projects/pakopeli.md:3:26: `30.24.2026` is not a date — month 24 does not exist\n"
    );
    assert!(hints("invalid-date")[0].contains("day.month.year (1.3.2024)"));
}

#[test]
fn end_before_start() {
    assert_eq!(
        report("end-before-start"),
        "error[date-order]: content/projects/jakala.md:5:8: the project ends (2023-02-28) before it starts (2024-03-01)\n"
    );
}

#[test]
fn missing_required_field() {
    assert_eq!(
        report("missing-name"),
        "error[missing-field]: content/projects/nimeton.md:1:1: required key `name` (nimi) is missing\n"
    );
    assert_eq!(
        hints("missing-name"),
        ["add a line `name: …` to the front matter"]
    );
}

#[test]
fn unknown_key_suggests_the_closest_one() {
    assert_eq!(
        report("unknown-key"),
        "error[unknown-key]: content/projects/sointu.md:3:1: unknown key `toteutusajka`\n"
    );
    assert_eq!(hints("unknown-key"), ["did you mean `toteutusaika`?"]);
}

#[test]
fn wrong_type_says_what_the_key_takes() {
    assert_eq!(
        report("wrong-type"),
        "error[yaml]: content/projects/sointu.md:5:3: expected mapping start\n"
    );
    assert_eq!(
        hints("wrong-type"),
        ["this key takes a group of `key: value` lines indented below it"]
    );
}

#[test]
fn two_files_for_one_address() {
    assert_eq!(
        report("duplicate-slug"),
        "error[duplicate-slug]: content/projects/sointu.md: the address /projects/sointu/ is already used by content/projects/sointu/index.md\n"
    );
}

#[test]
fn images_without_alt_text_in_body_and_front_matter() {
    assert_eq!(
        report("image-alt"),
        "error[image-alt]: content/projects/sointu/index.md:5:8: the image has no alt text\n\
         error[image-alt]: content/projects/sointu/index.md:11:1: the image has no alt text\n"
    );
}

#[test]
fn links_to_missing_projects_files_and_unsafe_schemes() {
    assert_eq!(
        report("broken-link"),
        "error[broken-link]: content/projects/sointu.md:6:10: the link `loppuraportti.pdf` leads to no file: content/projects/loppuraportti.pdf does not exist\n\
         error[broken-link]: content/projects/sointu.md:8:5: the link `jakala.md` leads to no project or page: content/projects/jakala.md does not exist\n\
         error[broken-link]: content/projects/sointu.md:8:31: the link `/projects/aito/` leads to no page or file of this site\n\
         error[broken-link]: content/projects/sointu.md:10:1: the link `kaavio.png` leads to no file: content/projects/kaavio.png does not exist\n\
         error[unsafe-link]: content/projects/sointu.md:12:1: `javascript:` links are not allowed\n"
    );
}

#[test]
fn yaml_syntax_error() {
    let text = report("yaml-syntax");
    assert!(
        text.starts_with("error[yaml]: content/projects/sointu.md:"),
        "{text}"
    );
}

#[test]
fn file_without_front_matter() {
    assert_eq!(
        report("no-front-matter"),
        "error[no-front-matter]: content/projects/sointu.md:1:1: the file does not start with front matter between `---` lines\n"
    );
}

#[test]
fn file_name_unusable_in_an_address() {
    assert_eq!(
        report("invalid-slug"),
        "error[invalid-slug]: content/projects/Hanke Yksi.md: the name `Hanke Yksi` cannot be used in a web address\n"
    );
    assert_eq!(
        hints("invalid-slug"),
        ["rename it to `hanke-yksi` (lowercase a–z, digits and hyphens)"]
    );
}

#[test]
fn bad_phone_email_and_social_address() {
    assert_eq!(
        report("contacts"),
        "error[invalid-phone]: content/projects/sointu.md:6:12: `soita meille` is not a phone number\n\
         error[invalid-email]: content/projects/sointu.md:7:12: `jaana.poikolainen at xamk` is not an email address\n\
         error[invalid-url]: content/projects/sointu.md:10:10: `javascript:alert(1)` is not a secure web address\n"
    );
}

#[test]
fn every_problem_in_every_file_in_one_run() {
    assert_eq!(
        report("many"),
        "error[invalid-date]: content/projects/a.md:3:20: `31.4.2026` is not a date — that month has 30 days, not 31\n\
         error[unknown-key]: content/projects/b.md:2:1: unknown key `nme`\n\
         error[image-alt]: content/projects/c.md:5:1: the image has no alt text\n\
         error[broken-link]: content/projects/c.md:5:1: the link `puuttuu.png` leads to no file: content/projects/puuttuu.png does not exist\n"
    );
}

#[test]
fn warnings_do_not_fail_the_build() {
    let dir = site("warnings");
    let (_, diagnostics) = render(dir.path());
    assert_eq!(
        lines(&diagnostics),
        "warning[heading-level]: content/projects/sointu.md:7:1: the heading jumps from level 2 to level 4\n\
         warning[raw-html]: content/projects/sointu.md:9:1: HTML in the text is shown as text, not as markup\n"
    );
}

#[test]
fn a_missing_site_yaml_says_where_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = hanke::render_site(&options(dir.path()));
    assert_eq!(outcome.diagnostics.len(), 1);
    let d = &outcome.diagnostics[0];
    assert_eq!(d.code, "no-site");
    assert_eq!(d.file, "site.yaml");
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "run hanke in the site's folder, give it with --root DIR, or start a new site with: hanke init"
        )
    );
    assert!(!Path::new(&dir.path().join("public")).exists());
}

#[test]
fn generic_link_text_foreign_documents_and_empty_table_headers_are_warnings() {
    let dir = site("link-texts");
    let (_, diagnostics) = render(dir.path());
    assert_eq!(
        lines(&diagnostics),
        "warning[document-language]: content/projects/aito/index.md:6:10: the document `opas-ar.pdf` seems to be in another language (`ar`), but has no `language:`\n\
         warning[document-language]: content/projects/aito/index.md:8:39: the link leads to a document in another language (`ar`) without saying so\n\
         warning[generic-link-text]: content/projects/aito/index.md:8:39: the link text “Klikkaa tästä” does not say where the link goes\n\
         warning[document-language]: content/projects/aito/index.md:10:5: the link leads to a document in another language (`ar`) without saying so\n\
         warning[table-header]: content/projects/aito/index.md:12:1: the table's header row is empty\n"
    );
}

#[test]
fn a_key_written_twice_is_named_with_its_line() {
    let dir = site("missing-name");
    let config = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
    std::fs::write(
        dir.path().join("site.yaml"),
        format!("{config}title: Toinen nimi\n"),
    )
    .unwrap();
    let line = config.lines().count() + 1;
    let errors = errors_of(dir.path());
    assert_eq!(
        lines(&errors),
        format!("error[duplicate-key]: site.yaml:{line}:1: the key `title` appears twice\n")
    );
}
