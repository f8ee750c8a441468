//! Stage 4, the only code that writes the site: into a fresh temporary folder
//! beside the output, swapped in by rename only when everything was written. A
//! failed build leaves the previous site exactly as it was.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::render::Rendered;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("refusing to write the site into {0}: it is the site's own folder or contains it")]
    OutputContainsSite(PathBuf),
    #[error(
        "refusing to replace {0}: it is not empty and does not look like a site built by hanke"
    )]
    NotASite(PathBuf),
    #[error("refusing to write {0}: the path leaves the output folder")]
    UnsafePath(String),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `rendered` (and copies its assets from `root`) to `output`, atomically.
pub fn write(root: &Path, output: &Path, rendered: &Rendered) -> Result<(), WriteError> {
    check_output(root, output)?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".hanke-build-")
        .tempdir_in(&parent)
        .map_err(io_err(&parent))?;
    let dir = staging.path();

    let targets: Vec<&str> = rendered
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(rendered.copies.iter().map(|c| c.output.as_str()))
        .collect();
    let mut folders = BTreeSet::new();
    for target in &targets {
        let rel = safe_relative(target)?;
        if let Some(p) = rel.parent() {
            folders.insert(dir.join(p));
        }
    }
    for folder in &folders {
        fs::create_dir_all(folder).map_err(io_err(folder))?;
    }
    rendered.files.par_iter().try_for_each(|file| {
        let path = dir.join(&file.path);
        fs::write(&path, &file.bytes).map_err(io_err(&path))
    })?;
    rendered.copies.par_iter().try_for_each(|copy| {
        let from = root.join(&copy.source);
        fs::copy(&from, dir.join(&copy.output))
            .map(drop)
            .map_err(io_err(&from))
    })?;

    swap(staging.keep(), output)
}

/// Replaces `output` with `staged` using renames, restoring the old site if the
/// second rename fails.
fn swap(staged: PathBuf, output: &Path) -> Result<(), WriteError> {
    if !output.exists() {
        return fs::rename(&staged, output).map_err(|e| {
            let _ = fs::remove_dir_all(&staged);
            io_err(output)(e)
        });
    }
    let old = staged.with_file_name(format!(
        ".hanke-old-{}",
        staged
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    fs::rename(output, &old).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        io_err(output)(e)
    })?;
    if let Err(e) = fs::rename(&staged, output) {
        let _ = fs::rename(&old, output);
        let _ = fs::remove_dir_all(&staged);
        return Err(io_err(output)(e));
    }
    // The old site is no longer needed; failing to delete it harms nothing.
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Never replace the site's own folder, or a folder hanke did not make.
fn check_output(root: &Path, output: &Path) -> Result<(), WriteError> {
    let root = root.canonicalize().map_err(io_err(root))?;
    if let Ok(out) = output.canonicalize() {
        if root.starts_with(&out) {
            return Err(WriteError::OutputContainsSite(output.to_path_buf()));
        }
        let mut entries = fs::read_dir(&out).map_err(io_err(output))?;
        let empty = entries.next().is_none();
        if !empty && !out.join("index.html").is_file() && !out.join("404.html").is_file() {
            return Err(WriteError::NotASite(output.to_path_buf()));
        }
    }
    Ok(())
}

/// A relative path made only of plain names: no `..`, no root, no drive.
fn safe_relative(path: &str) -> Result<&Path, WriteError> {
    let p = Path::new(path);
    let plain = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(p)
    } else {
        Err(WriteError::UnsafePath(path.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths_are_written() {
        assert!(safe_relative("projects/sointu/index.html").is_ok());
        assert!(safe_relative("../etc/passwd").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../b").is_err());
        assert!(safe_relative("").is_err());
    }
}
