//! `hanke check`: broken links, anchors and assets, with file and line, in the
//! format a person, a program or GitHub Actions reads.

use crate::support::*;

fn check(format: &str) -> Run {
    let root = fixture("check/broken");
    hanke(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        format,
    ])
}

#[test]
fn json_lists_broken_anchors_links_and_assets() {
    let run = check("json");
    assert_eq!(run.code, 1);
    let found: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "broken-anchor content/projects/alfa.md:7:7",
            "broken-anchor content/projects/alfa.md:9:5",
            "broken-link content/projects/alfa.md:11:1",
            "broken-link content/projects/alfa.md:13:12",
        ]
    );
}

#[test]
fn github_annotations_for_each_problem() {
    let run = check("github");
    assert_eq!(run.code, 1);
    let lines: Vec<_> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with(
        "::error file=content/projects/alfa.md,line=7,col=7,title=broken-anchor::the link goes to `#tavoitteet` on /projects/alfa/, but that page has no such heading"
    ));
    assert!(lines[2].starts_with("::error file=content/projects/alfa.md,line=11,col=1,title=broken-link::the link `kaavio.png` leads to no file"));
}

#[test]
fn human_output_shows_each_line() {
    let run = check("human");
    assert_eq!(run.code, 1);
    for expected in [
        "content/projects/alfa.md:7:7",
        "Katso [tavoitteet](#tavoitteet)",
        "content/projects/alfa.md:9:5",
        "content/projects/alfa.md:11:1",
        "![Kaavio](kaavio.png)",
        "4 errors",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected} missing in\n{}",
            run.stderr
        );
    }
}

/// A web server on 127.0.0.1 that knows one page, for `--external`.
fn web_server() -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let status = if request.url() == "/ok" { 200 } else { 404 };
            let _ = request.respond(tiny_http::Response::empty(status));
        }
    });
    port
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let port = web_server();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("errors/site.yaml"), dir.path().join("site.yaml")).unwrap();
    let projects = dir.path().join("content/projects");
    std::fs::create_dir_all(&projects).unwrap();
    std::fs::write(
        projects.join("alfa.md"),
        format!(
            "---\nname: Alfa\nduration: 1.1.2024–31.12.2026\nlinks:\n  - title: Raportti\n    url: http://127.0.0.1:{port}/gone\n---\nKatso [toimiva sivu](http://127.0.0.1:{port}/ok) ja [kadonnut sivu](http://127.0.0.1:{port}/gone).\n"
        ),
    )
    .unwrap();
    let root = dir.path().to_str().unwrap();
    let offline = hanke(&["check", "--root", root, "--format", "json"]);
    assert_eq!(offline.code, 0, "{}", offline.stdout);
    let online = hanke(&["check", "--root", root, "--format", "json", "--external"]);
    assert_eq!(online.code, 1);
    let found: Vec<String> = online
        .stdout
        .lines()
        .map(|l| {
            let d: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{}:{} {}",
                d["line"],
                d["column"],
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    let column = "Katso [toimiva sivu](".chars().count()
        + format!("http://127.0.0.1:{port}/ok) ja ").len()
        + 1;
    assert_eq!(
        found,
        [
            format!("6:10 http://127.0.0.1:{port}/gone answers with HTTP status 404"),
            format!("8:{column} http://127.0.0.1:{port}/gone answers with HTTP status 404"),
        ]
    );
}

/// `build` writes pages as they render and keeps in memory only those that
/// links to headings point into: it must find the same problems as `check`
/// (and none in the link to Beta's `#tausta`, which exists), and publish nothing.
#[test]
fn build_finds_the_same_broken_anchors_and_writes_nothing() {
    let root = fixture("check/broken");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run = build(&root, &out, &["--format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, check("json").stdout);
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
