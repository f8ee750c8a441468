//! A build stopped with Ctrl+C (SIGINT) leaves the previous site as it was and
//! no temporary folder behind, and says so with exit code 130.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

/// Whether `dir` holds a folder whose name starts with `prefix`.
fn has_entry(dir: &Path, prefix: &str) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
        })
        .unwrap_or(false)
}

/// The staging folder of a build under way, once it holds project pages.
fn staging_with_pages(site: &Path) -> bool {
    std::fs::read_dir(site).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            e.file_name().to_string_lossy().starts_with(".hanke-build-")
                && e.path().join("projects").is_dir()
        })
    })
}

#[cfg(unix)]
#[test]
fn a_build_stopped_with_ctrl_c_leaves_the_last_site_and_nothing_else() {
    let site = temp_copy(&fixture("build/full"));
    let projects = site.path().join("content/projects");
    // Enough pages that the build is still writing when the signal comes.
    let body = "Hankkeen kuvaus, jossa on muutama lause tekstiä.\n\n".repeat(40);
    for i in 0..600 {
        let text = format!("---\nname: Hanke {i}\nduration: 1.1.2025–31.12.2026\n---\n{body}");
        std::fs::write(projects.join(format!("hanke-{i}.md")), text).unwrap();
    }
    let out = site.path().join("public");
    let first = build(site.path(), &out, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = tree(&out);

    let mut child = hanke_command(&["build", "--root"])
        .arg(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !staging_with_pages(site.path()) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be stopped"
        );
        assert!(Instant::now() < deadline, "no staging folder appeared");
        std::thread::sleep(Duration::from_millis(2));
    }
    interrupt(&child);
    let stopped = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&stopped.stderr);
    assert_eq!(stopped.status.code(), Some(130), "{stderr}");

    assert!(!has_entry(site.path(), ".hanke-"), "temporary folders left");
    assert!(tree(&out) == before, "the last site changed");
}
