//! Watching the site for edits: which changed paths matter, and a debounced
//! stream of them. Editors' temporary and swap files, the output folder and
//! version control are ignored; a burst of events becomes one rebuild.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::content::load::is_ignored;

/// The folders whose files make the site.
const WATCHED: [&str; 6] = ["content", "themes", "templates", "i18n", "data", "static"];

/// How long to wait for more events while a file may still be being written:
/// its writer has not closed it, or the system does not say when it does.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// How long to wait for more events once every file written has been closed
/// (Linux says so): the rest of an editor's save, such as the rename of a
/// backup, follows within a millisecond or two.
const SETTLE: Duration = Duration::from_millis(10);

/// What the watcher reports of one path.
#[derive(Debug, PartialEq)]
enum Seen {
    /// New bytes, or a new file: its writer closes it when done.
    Writing(PathBuf),
    /// A change made at once: a rename, a removal, a new folder, metadata.
    Changed(PathBuf),
    /// A writer closed the file: what it wrote is all there.
    Closed(PathBuf),
}

impl Seen {
    /// What `kind` of event says of its paths; None for reading, which every
    /// build does to every file, so taking it for an edit would rebuild forever.
    fn of(kind: &EventKind, path: PathBuf) -> Option<Seen> {
        match kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => Some(Seen::Closed(path)),
            EventKind::Access(_) => None,
            EventKind::Create(CreateKind::File | CreateKind::Any)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any)
            | EventKind::Any
            | EventKind::Other => Some(Seen::Writing(path)),
            _ => Some(Seen::Changed(path)),
        }
    }
}

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
    let (raw_tx, raw_rx) = channel::<Seen>();
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let base = root_abs.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            for path in event.paths {
                let rel = path.strip_prefix(&base).unwrap_or(&path).to_path_buf();
                if let Some(seen) = Seen::of(&event.kind, rel) {
                    let _ = raw_tx.send(seen);
                }
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
    std::thread::spawn(move || batches(&raw_rx, &tx, SETTLE, DEBOUNCE));
    Ok((watcher, rx))
}

/// Sends on `tx` each burst of changes from `raw` as one batch of the paths
/// that matter. A burst ends when nothing more comes for `settle`, once every
/// file written in it has been closed, or for `debounce` while one may not be.
fn batches(raw: &Receiver<Seen>, tx: &Sender<Vec<PathBuf>>, settle: Duration, debounce: Duration) {
    loop {
        let mut batch = Vec::new();
        let mut open = HashSet::new();
        let mut next = raw.recv().map_err(|_| RecvTimeoutError::Disconnected);
        // A file closed with no change seen starts no batch: each write is seen.
        while let Ok(seen) = next {
            match seen {
                Seen::Writing(path) => {
                    open.insert(path.clone());
                    batch.push(path);
                }
                Seen::Changed(path) => batch.push(path),
                Seen::Closed(path) => {
                    open.remove(&path);
                }
            }
            next = match (batch.is_empty(), open.is_empty()) {
                (true, _) => raw.recv().map_err(|_| RecvTimeoutError::Disconnected),
                (false, true) => raw.recv_timeout(settle),
                (false, false) => raw.recv_timeout(debounce),
            };
        }
        batch.retain(|p| matters(p));
        batch.sort();
        batch.dedup();
        let gone = next == Err(RecvTimeoutError::Disconnected);
        if (!batch.is_empty() && tx.send(batch).is_err()) || gone {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `batches` running with a short settle and a debounce no test waits
    /// for: where to send what the watcher reports, and where batches come.
    fn batcher() -> (
        Sender<Seen>,
        Receiver<Vec<PathBuf>>,
        std::thread::JoinHandle<()>,
    ) {
        let (raw_tx, raw_rx) = channel();
        let (tx, rx) = channel();
        let settle = Duration::from_millis(20);
        let debounce = Duration::from_secs(600);
        let running = std::thread::spawn(move || batches(&raw_rx, &tx, settle, debounce));
        (raw_tx, rx, running)
    }

    /// The batches made of what `send` sends, once it stops.
    fn batched(send: impl FnOnce(&Sender<Seen>)) -> Vec<Vec<PathBuf>> {
        let (raw, rx, running) = batcher();
        send(&raw);
        drop(raw);
        running.join().unwrap();
        rx.try_iter().collect()
    }

    fn md(name: &str) -> PathBuf {
        PathBuf::from(format!("content/projects/{name}.md"))
    }

    #[test]
    fn a_burst_ends_soon_after_every_file_written_is_closed() {
        let (raw, rx, _running) = batcher();
        raw.send(Seen::Writing(md("a"))).unwrap();
        raw.send(Seen::Changed(md("b"))).unwrap();
        raw.send(Seen::Closed(md("a"))).unwrap();
        // `raw` stays open, so only the settle can end the burst.
        let batch = rx.recv_timeout(Duration::from_secs(60));
        assert_eq!(
            batch.expect("ended before the debounce"),
            [md("a"), md("b")]
        );
    }

    #[test]
    fn a_burst_goes_on_while_a_file_written_is_still_open() {
        let batches = batched(|raw| {
            raw.send(Seen::Writing(md("a"))).unwrap();
            // Longer than the settle: a is still being written.
            std::thread::sleep(Duration::from_millis(300));
            raw.send(Seen::Writing(md("b"))).unwrap();
            raw.send(Seen::Closed(md("b"))).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            raw.send(Seen::Closed(md("a"))).unwrap();
            // Now every file is closed: this is the next burst.
            std::thread::sleep(Duration::from_millis(300));
            raw.send(Seen::Changed(md("c"))).unwrap();
        });
        assert_eq!(batches, [vec![md("a"), md("b")], vec![md("c")]]);
    }

    #[test]
    fn a_file_closed_without_a_change_and_paths_that_do_not_matter_make_no_batch() {
        let batches = batched(|raw| {
            raw.send(Seen::Closed(md("a"))).unwrap();
            raw.send(Seen::Changed("public/index.html".into())).unwrap();
            std::thread::sleep(Duration::from_millis(300));
            raw.send(Seen::Writing(md("b"))).unwrap();
            raw.send(Seen::Closed(md("b"))).unwrap();
        });
        assert_eq!(batches, [vec![md("b")]]);
    }

    #[test]
    fn reading_is_no_change_and_closing_after_writing_is_the_end_of_one() {
        use notify::event::{DataChange, RemoveKind, RenameMode};
        let seen = |kind| Seen::of(&kind, md("a"));
        let read = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert_eq!(seen(read), None);
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert_eq!(seen(closed), Some(Seen::Closed(md("a"))));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert_eq!(seen(written), Some(Seen::Writing(md("a"))));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert_eq!(seen(renamed), Some(Seen::Changed(md("a"))));
        let removed = EventKind::Remove(RemoveKind::File);
        assert_eq!(seen(removed), Some(Seen::Changed(md("a"))));
    }

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
