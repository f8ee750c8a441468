//! Watching the site for edits: which changed paths matter, and a debounced
//! stream of them. Editors' temporary and swap files, the output folder and
//! version control are ignored; a burst of events becomes one rebuild.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::content::load::is_ignored;

/// The folders whose files make the site.
const WATCHED: [&str; 6] = ["content", "themes", "templates", "i18n", "data", "static"];

/// How long to wait for more events after the first before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

/// Whether a change at `path` (relative to the site root) can change the site.
pub fn matters(path: &Path) -> bool {
    let mut parts = path.components().filter_map(|c| match c {
        Component::Normal(p) => Some(p.to_string_lossy()),
        _ => None,
    });
    let Some(first) = parts.next() else {
        return false;
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_ignored(&file_name)
        || path
            .components()
            .any(|c| is_ignored(&c.as_os_str().to_string_lossy()))
    {
        return false;
    }
    first == "site.yaml" || WATCHED.contains(&first.as_ref())
}

/// The changed paths for the terminal: a few, then how many more.
pub fn describe(paths: &[PathBuf]) -> String {
    const SHOWN: usize = 3;
    let text: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| p.display().to_string())
        .collect();
    let shown = text.join(", ");
    match paths.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{shown} and {more} more"),
        _ => shown,
    }
}

/// Starts watching `root`; each message is a batch of relevant changed paths.
pub fn watch(root: &Path) -> notify::Result<(notify::RecommendedWatcher, Receiver<Vec<PathBuf>>)> {
    let (raw_tx, raw_rx) = channel::<PathBuf>();
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let base = root_abs.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading is not changing: every build opens every file, and taking
        // those events for edits would rebuild forever.
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                let rel = path.strip_prefix(&base).unwrap_or(&path).to_path_buf();
                let _ = raw_tx.send(rel);
            }
        }
    })?;
    // Only the folders that make the site, so the output folder's thousands of
    // new files and folders are never watched; the root itself non-recursively,
    // for site.yaml.
    watcher.watch(&root_abs, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let path = root_abs.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        while let Ok(first) = raw_rx.recv() {
            let mut batch = vec![first];
            while let Ok(more) = raw_rx.recv_timeout(DEBOUNCE) {
                batch.push(more);
            }
            batch.retain(|p| matters(p));
            batch.sort();
            batch.dedup();
            if !batch.is_empty() && tx.send(batch).is_err() {
                break;
            }
        }
    });
    Ok((watcher, rx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_changed_paths_are_summed_up() {
        let paths: Vec<PathBuf> = (0..5).map(|i| PathBuf::from(format!("p{i}.md"))).collect();
        assert_eq!(describe(&paths[..1]), "p0.md");
        assert_eq!(describe(&paths), "p0.md, p1.md, p2.md and 2 more");
    }

    #[test]
    fn content_theme_and_settings_matter_output_and_editor_files_do_not() {
        for yes in [
            "site.yaml",
            "content/projects/sointu.md",
            "themes/default/static/style.css",
            "templates/base.html",
            "static/logo.svg",
            "data/funders.yaml",
        ] {
            assert!(matters(Path::new(yes)), "{yes}");
        }
        for no in [
            "public/index.html",
            "content/projects/.sointu.md.swp",
            "content/projects/sointu.md~",
            "content/projects/#sointu.md#",
            ".git/index",
            "target/debug/hanke",
            "README.md",
        ] {
            assert!(!matters(Path::new(no)), "{no}");
        }
    }
}
