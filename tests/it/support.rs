//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use hanke::diagnostic::Diagnostic;
use hanke::render::Rendered;
use scraper::{Html, Selector};

pub const TODAY: &str = "2026-11-23";

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn options(root: &Path) -> hanke::Options {
    hanke::Options {
        root: root.to_path_buf(),
        base_url: None,
        today: TODAY.parse().unwrap(),
    }
}

/// Renders a site in memory; panics with the diagnostics if it has errors.
pub fn render(root: &Path) -> (Rendered, Vec<Diagnostic>) {
    let outcome = hanke::render_site(&options(root));
    match outcome.rendered {
        Some(r) => (r, outcome.diagnostics),
        None => panic!("the site did not render:\n{}", lines(&outcome.diagnostics)),
    }
}

/// The diagnostics of a site that must fail.
pub fn errors_of(root: &Path) -> Vec<Diagnostic> {
    let outcome = hanke::render_site(&options(root));
    assert!(outcome.has_errors(), "expected errors, got none");
    assert!(
        outcome.rendered.is_none(),
        "a site with errors must not render"
    );
    outcome.diagnostics
}

/// One line per diagnostic, `error[code]: file:line:col: message`.
pub fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

pub fn page(rendered: &Rendered, path: &str) -> Html {
    let file = rendered
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no page {path}"));
    Html::parse_document(std::str::from_utf8(&file.bytes).unwrap())
}

pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

pub fn text(html: &Html, css: &str) -> String {
    let found = select(html, css);
    assert!(!found.is_empty(), "nothing matches {css}");
    found[0]
        .text()
        .collect::<String>()
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_ascii_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The `<dd>` of the `<dt>` with this label in a key-facts list.
pub fn fact(html: &Html, label: &str) -> String {
    for div in select(html, "dl.facts > div") {
        let dt: String = div
            .select(&Selector::parse("dt").unwrap())
            .flat_map(|e| e.text())
            .collect();
        if dt.trim() == label {
            let dd: String = div
                .select(&Selector::parse("dd").unwrap())
                .flat_map(|e| e.text())
                .collect();
            return dd.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    panic!("no fact labelled {label}")
}

/// Copies a fixture into a fresh temporary folder, so a test may change it.
pub fn temp_copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, dir.path());
    dir
}

/// A copy of the example site with `extra` (top-level settings) in its
/// site.yaml, in place of the example's own settings of those keys.
pub fn example_with(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "data", "themes"] {
        copy_dir(&repo_root().join(part), &dir.path().join(part));
    }
    let keys: Vec<&str> = extra
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split(':').next())
        .collect();
    let mut skipping = false;
    let config: String = std::fs::read_to_string(repo_root().join("site.yaml"))
        .unwrap()
        .lines()
        .filter(|line| {
            if !line.starts_with(' ') {
                skipping = keys.contains(&line.split(':').next().unwrap_or_default());
            }
            !skipping
        })
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(dir.path().join("site.yaml"), format!("{config}\n{extra}\n")).unwrap();
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The hanke binary with `args`, a fixed build date and no colours.
pub fn hanke_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hanke"));
    command
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795392000") // 2026-11-23
        .env("NO_COLOR", "1");
    command
}

/// Sends SIGINT, as Ctrl+C does, through the shell's own `kill`: a fresh
/// machine may have no kill program.
#[cfg(unix)]
pub fn interrupt(child: &std::process::Child) {
    let sent = Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(sent.success(), "could not signal the process");
}

/// Runs the hanke binary with a fixed build date and no colours.
pub fn hanke(args: &[&str]) -> Run {
    let out = hanke_command(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `hanke build` of the site in `root` into `out`, with `more` arguments.
pub fn build(root: &Path, out: &Path, more: &[&str]) -> Run {
    let (root, out) = (root.to_str().unwrap(), out.to_str().unwrap());
    let args = [&["build", "--root", root, "--output", out], more].concat();
    hanke(&args)
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Asserts that `key: 0` added to the example's site.yaml is an error at the
/// value, with `hint`, and the only one.
pub fn assert_zero_is_an_error(key: &str, hint: &str) {
    let site = example_with(&format!("{key}: 0"));
    let errors = errors_of(site.path());
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let (line, column) = (config.lines().count(), key.len() + 3);
    assert_eq!(
        lines(&errors),
        format!("error[invalid-setting]: site.yaml:{line}:{column}: `{key}` must be at least 1\n")
    );
    assert_eq!(errors[0].hint.as_deref(), Some(hint));
}
