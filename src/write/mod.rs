//! Stage 4, the only code that writes the site: into a fresh temporary folder
//! beside the output, swapped in by rename only when everything was written. A
//! failed build leaves the previous site exactly as it was. `build` hands each
//! file to the [`Staging`] folder as soon as it is rendered, so the pages of a
//! large site are never all in memory at once.
//!
//! `serve` writes the first build that way, then updates the folder in place,
//! writing only files whose bytes changed ([`Written`] remembers what is there),
//! so an edit costs a few writes instead of a whole new site.
//!
//! A stop (Ctrl+C) removes the folders being written: see [`stop`].

pub mod stop;

use std::collections::HashMap;
use std::fs;
use std::hash::BuildHasher;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::content::model::Asset;
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
    #[error("stopped (Ctrl+C) before the site was written")]
    Stopped,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A fresh temporary folder of files at paths relative to it, deleted when
/// dropped.
pub struct Scratch {
    dir: tempfile::TempDir,
    /// The folders made in it so far. It starts empty, so each file's folder is
    /// made before its first file rather than after a failed write: most pages
    /// have a folder of their own.
    folders: Mutex<foldhash::HashSet<String>>,
    /// Until the folder is deleted or kept, a stop removes it.
    _registered: stop::Registered,
}

impl Scratch {
    /// A new folder in `parent`, its name starting with `prefix`.
    pub fn new_in(parent: &Path, prefix: &str) -> Result<Self, WriteError> {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir_in(parent)
            .map_err(io_err(parent))?;
        Ok(Scratch {
            _registered: stop::Registered::new(dir.path()),
            dir,
            folders: Mutex::default(),
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one file; returns where. Any thread may call it.
    pub fn put(&self, file: &Output) -> Result<PathBuf, WriteError> {
        self.write(&file.path, &file.bytes)
    }

    /// Writes `bytes` as `rel`; returns where.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
        let path = self.place(rel)?;
        fs::write(&path, bytes).map_err(io_err(&path))?;
        Ok(path)
    }

    /// Adds the file at `from` as `rel` by a hard link: no second copy of its
    /// bytes. Copies it where the file system cannot link.
    pub fn link(&self, rel: &str, from: &Path) -> Result<(), WriteError> {
        let path = self.place(rel)?;
        match fs::hard_link(from, &path) {
            Ok(()) => Ok(()),
            Err(_) => fs::copy(from, &path).map(drop).map_err(io_err(from)),
        }
    }

    /// Where the file `rel` goes, with its folder made unless it was already.
    fn place(&self, rel: &str) -> Result<PathBuf, WriteError> {
        let path = self.dir.path().join(safe_relative(rel)?);
        if stop::stopping() {
            return Err(WriteError::Stopped);
        }
        // Known by the relative folder as text: hashing or comparing a `Path`
        // walks its components, tens of thousands of times in a large site.
        if let Some((folder, _)) = rel.rsplit_once('/') {
            let folders = || self.folders.lock().expect("no thread panics holding it");
            if !folders().contains(folder) {
                // Another thread may be making it too: that is no error.
                let made = self.dir.path().join(folder);
                fs::create_dir_all(&made).map_err(io_err(&made))?;
                folders().insert(folder.to_string());
            }
        }
        Ok(path)
    }
}

/// A build being written into a fresh folder beside the output. `finish` swaps
/// it in; dropped unfinished (the build failed), it is deleted and the output
/// stays as it was.
pub struct Staging {
    scratch: Scratch,
    root: PathBuf,
    output: PathBuf,
    pages: AtomicUsize,
    others: AtomicUsize,
}

/// What a finished build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub pages: usize,
    /// Every other file: feeds, vCards, data, static and copied files.
    pub others: usize,
}

impl Staging {
    /// Prepares to replace `output` with the site in `root`, refusing folders
    /// that are not hanke's to replace.
    pub fn new(root: &Path, output: &Path) -> Result<Self, WriteError> {
        check_output(root, output)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Ok(Staging {
            scratch: Scratch::new_in(&parent, ".hanke-build-")?,
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            pages: AtomicUsize::new(0),
            others: AtomicUsize::new(0),
        })
    }

    /// Writes one rendered file; returns where. Any thread may call it.
    pub fn put(&self, file: &Output) -> Result<PathBuf, WriteError> {
        let path = self.scratch.put(file)?;
        let count = if file.path.ends_with(".html") {
            &self.pages
        } else {
            &self.others
        };
        count.fetch_add(1, Ordering::Relaxed);
        Ok(path)
    }

    /// The folder the staging folder is in (the output's), on the same file
    /// system, so files can be linked between them.
    pub fn parent(&self) -> &Path {
        self.scratch.path().parent().unwrap_or(Path::new("."))
    }

    /// Copies the site's own files (`copies`, from the site's folder), then
    /// swaps the staged site in for the output.
    pub fn finish(self, copies: &[Asset]) -> Result<Count, WriteError> {
        copies.par_iter().try_for_each(|copy| {
            let from = self.root.join(&copy.source);
            let to = self.scratch.place(&copy.output)?;
            fs::copy(&from, &to).map(drop).map_err(io_err(&from))
        })?;
        let count = Count {
            pages: self.pages.into_inner(),
            others: self.others.into_inner() + copies.len(),
        };
        swap(self.scratch.dir.keep(), &self.output)?;
        Ok(count)
    }
}

/// Replaces the folder `name` inside `output` with `files` (paths relative to
/// `output`, all inside `name`): written beside it, then swapped in by renames,
/// so a reader never sees it half written. No files: the folder is removed.
pub fn replace_folder(output: &Path, name: &str, files: &[Output]) -> Result<(), WriteError> {
    let target = output.join(safe_relative(name)?);
    let old = output.join(format!(".{name}-old"));
    let _ = fs::remove_dir_all(&old);
    if files.is_empty() {
        return match fs::remove_dir_all(&target) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_err(&target)(e)),
            _ => Ok(()),
        };
    }
    let scratch = Scratch::new_in(output, &format!(".{name}-new-"))?;
    let prefix = format!("{name}/");
    files.par_iter().try_for_each(|file| {
        let inside = file
            .path
            .strip_prefix(&prefix)
            .ok_or_else(|| WriteError::UnsafePath(file.path.clone()))?;
        scratch.write(inside, &file.bytes).map(drop)
    })?;
    if target.exists() {
        fs::rename(&target, &old).map_err(io_err(&target))?;
    }
    fs::rename(scratch.dir.keep(), &target).map_err(io_err(&target))?;
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Writes `rendered` (and copies its assets from `root`) to `output`, atomically.
pub fn write(root: &Path, output: &Path, rendered: &Rendered) -> Result<Count, WriteError> {
    let staging = Staging::new(root, output)?;
    rendered
        .files
        .par_iter()
        .try_for_each(|file| staging.put(file).map(drop))?;
    staging.finish(&rendered.copies)
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

/// A file's hash, to tell whether its bytes changed; foldhash reads long
/// inputs several times faster than the standard library's SipHash, and a
/// site is hundreds of megabytes at thousands of projects.
fn hash(bytes: &[u8]) -> u64 {
    foldhash::fast::FixedState::default().hash_one(bytes)
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
    // In parallel: after an edit to a card, the listings it is in can be a
    // hundred megabytes at thousands of projects.
    changed.par_iter().try_for_each(|(file, _)| {
        let path = output.join(safe_relative(&file.path)?);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, &file.bytes).map_err(io_err(&path))
    })?;
    for (file, h) in &changed {
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
    let old = staged.with_file_name(format!(
        ".hanke-old-{}",
        staged
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let _old = stop::Registered::new(&old);
    // A stop waits for the renames; one that came first keeps them from starting.
    stop::unstoppable(|| {
        if stop::stopping() {
            return Err(WriteError::Stopped);
        }
        let undo = |e| {
            let _ = fs::remove_dir_all(&staged);
            io_err(output)(e)
        };
        if !output.exists() {
            return fs::rename(&staged, output).map_err(undo);
        }
        fs::rename(output, &old).map_err(undo)?;
        fs::rename(&staged, output).map_err(|e| {
            let _ = fs::rename(&old, output);
            undo(e)
        })
    })?;
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
