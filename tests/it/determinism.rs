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

#[test]
fn two_builds_are_identical_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
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
