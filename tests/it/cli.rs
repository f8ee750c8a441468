//! The command line as a person or CI sees it: exit codes, messages, and what
//! is (not) written.

use crate::support::*;

fn broken_site() -> tempfile::TempDir {
    let dir = temp_copy(&fixture("build/full"));
    let file = dir.path().join("content/projects/beta.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("start: 5/2018", "start: 30.24.2026")).unwrap();
    dir
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path().to_str().unwrap();
    let first = hanke(&["build", "--root", root]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = tree(&dir.path().join("public"));
    assert!(!before.is_empty());

    let file = dir.path().join("content/projects/beta.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("start: 5/2018", "start: 30.24.2026")).unwrap();
    let second = hanke(&["build", "--root", root]);
    assert_eq!(second.code, 1);
    assert!(
        second
            .stderr
            .contains("`30.24.2026` is not a date — month 24 does not exist"),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.contains("The site was not built;"),
        "{}",
        second.stderr
    );
    assert_eq!(tree(&dir.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".hanke-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");
}

#[test]
fn human_errors_show_the_line_with_a_caret_and_a_hint() {
    let dir = broken_site();
    let run = hanke(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let err = &run.stderr;
    assert!(err.contains("content/projects/beta.md:4:10"), "{err}");
    assert!(err.contains("start: 30.24.2026"), "{err}");
    assert!(err.contains("──────────"), "{err}");
    assert!(
        err.contains("help: write a date as day.month.year (1.3.2024)"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("1 error and 1 warning"), "{err}");
}

#[test]
fn json_diagnostics_for_tools() {
    let dir = broken_site();
    let run = hanke(&[
        "check",
        "--root",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    let first: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "invalid-date");
    assert_eq!(first["file"], "content/projects/beta.md");
    assert_eq!(first["line"], 4);
    assert_eq!(first["column"], 10);
}

#[test]
fn github_annotations() {
    let dir = broken_site();
    let run = hanke(&[
        "check",
        "--root",
        dir.path().to_str().unwrap(),
        "--format",
        "github",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with(
            "::error file=content/projects/beta.md,line=4,col=10,title=invalid-date::`30.24.2026` is not a date — month 24 does not exist — write a date as"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn strict_turns_warnings_into_failure_and_writes_nothing() {
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path().to_str().unwrap();
    let lenient = hanke(&["check", "--root", root]);
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert!(
        lenient
            .stderr
            .contains("⚠ HTML in the text is shown as text"),
        "{}",
        lenient.stderr
    );
    let strict = hanke(&["build", "--root", root, "--strict"]);
    assert_eq!(strict.code, 1);
    assert!(!dir.path().join("public").exists());
}

#[test]
fn refuses_to_overwrite_the_site_itself_or_a_foreign_folder() {
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path().to_str().unwrap();
    let run = hanke(&["build", "--root", root, "--output", root]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("it is the site's own folder or contains it"),
        "{}",
        run.stderr
    );

    let foreign = dir.path().join("documents");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.docx"), "precious").unwrap();
    let run = hanke(&[
        "build",
        "--root",
        root,
        "--output",
        foreign.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("does not look like a site built by hanke"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(foreign.join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn bad_today_flag_is_a_usage_error() {
    let run = hanke(&["build", "--today", "23.11.2026"]);
    assert_eq!(run.code, 2);
}
