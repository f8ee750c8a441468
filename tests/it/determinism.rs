//! The same input gives byte-for-byte the same site, however the work is scheduled.

use std::process::Command;

use crate::support::*;

fn build_into(out: &std::path::Path, threads: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_hanke"))
        .args(["build", "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1795392000")
        .env("RAYON_NUM_THREADS", threads)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Builds the example twice in a new folder in `parent`, on one thread and on
/// four, and asserts that the two are the same.
fn two_builds_in(parent: &std::path::Path) {
    let dir = tempfile::tempdir_in(parent).unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_into(&a, "1");
    build_into(&b, "4");
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 10);
    assert_eq!(
        ta.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        tb.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in ta.iter().zip(&tb) {
        assert!(x == y, "{path} differs between builds");
    }
}

#[test]
fn two_builds_are_identical_byte_for_byte() {
    two_builds_in(&std::env::temp_dir());
}

/// In tmpfs a folder lists its files in the order they were made, which
/// parallel writing leaves to chance; the search index reads them in that order.
#[cfg(target_os = "linux")]
#[test]
fn two_builds_in_memory_are_identical_byte_for_byte() {
    two_builds_in(std::path::Path::new("/dev/shm"));
}

/// `build` writes each file as it renders and keeps few in memory; what it
/// writes must be exactly what rendering in memory makes, search index included.
#[test]
fn the_build_writes_exactly_what_rendering_makes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let root = repo_root();
    let run = build(&root, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (rendered, _) = render(&root);
    let mut expected: Vec<(String, Vec<u8>)> = rendered
        .files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .chain(rendered.copies.iter().map(|c| {
            (
                c.output.clone(),
                std::fs::read(root.join(&c.source)).unwrap(),
            )
        }))
        .collect();
    expected.sort();
    let written = tree(&out);
    assert_eq!(
        written.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        expected.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in written.iter().zip(&expected) {
        assert!(x == y, "{path} differs from the rendered file");
    }
    assert!(written.iter().any(|(p, _)| p.starts_with("pagefind/")));
    let pages = expected
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .count();
    let others = expected.len() - pages;
    assert!(
        run.stderr.contains(&format!(
            "Built {pages} pages and {others} other files into"
        )),
        "{}",
        run.stderr
    );
}
