//! Stage 4, the only code that writes the site: into a fresh temporary folder
//! beside the output, swapped in by rename only when everything was written. A
//! failed build leaves the previous site exactly as it was.
//!
//! `serve` writes the first build that way, then updates the folder in place,
//! writing only files whose bytes changed ([`Written`] remembers what is there),
//! so an edit costs a few writes instead of a whole new site.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::render::{Output, Rendered};

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

/// What `serve` has written to the output folder: a hash of each rendered
/// file's bytes, and the copied files.
#[derive(Debug, Default)]
pub struct Written {
    files: HashMap<String, u64>,
}

impl Written {
    /// What is in the output folder after `write` wrote `rendered`.
    pub fn of(rendered: &Rendered) -> Self {
        let files = rendered
            .files
            .par_iter()
            .map(|f| (f.path.clone(), hash(&f.bytes)))
            .chain(rendered.copies.par_iter().map(|c| (c.output.clone(), 0)))
            .collect();
        Written { files }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Writes those of `files` whose bytes differ from what `written` says is in
/// `output`, in place. Returns how many were written.
pub fn update(
    output: &Path,
    files: &[&Output],
    written: &mut Written,
) -> Result<usize, WriteError> {
    let changed: Vec<(&Output, u64)> = files
        .par_iter()
        .map(|f| (*f, hash(&f.bytes)))
        .filter(|(f, h)| written.files.get(&f.path) != Some(h))
        .collect();
    for (file, h) in &changed {
        let path = output.join(safe_relative(&file.path)?);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, &file.bytes).map_err(io_err(&path))?;
        written.files.insert(file.path.clone(), *h);
    }
    Ok(changed.len())
}

/// Brings `output` in line with the whole of `rendered`: changed files are
/// written, copied files copied again when their source is newer, and files
/// the site no longer has removed. Returns how many files were written.
pub fn sync(
    root: &Path,
    output: &Path,
    rendered: &Rendered,
    written: &mut Written,
) -> Result<usize, WriteError> {
    let files: Vec<&Output> = rendered.files.iter().collect();
    let mut count = update(output, &files, written)?;
    for copy in &rendered.copies {
        let from = root.join(&copy.source);
        let to = output.join(safe_relative(&copy.output)?);
        let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        if modified(&to).is_none() || modified(&from) > modified(&to) {
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io_err(parent))?;
            }
            fs::copy(&from, &to).map_err(io_err(&from))?;
            count += 1;
        }
        written.files.insert(copy.output.clone(), 0);
    }
    let now: std::collections::HashSet<&str> = rendered
        .files
        .iter()
        .map(|f| f.path.as_str())
        .chain(rendered.copies.iter().map(|c| c.output.as_str()))
        .collect();
    let gone: Vec<String> = written
        .files
        .keys()
        .filter(|p| !now.contains(p.as_str()))
        .cloned()
        .collect();
    for path in gone {
        // Already gone is fine; the folder it leaves may stay.
        let _ = fs::remove_file(output.join(safe_relative(&path)?));
        written.files.remove(&path);
    }
    Ok(count)
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
