//! The search index in `serve`, made on a thread of its own after the site is
//! written. A large site's index takes far longer than its pages (tens of
//! seconds at 10,000 projects), so pages are served and edits shown at once,
//! and search catches up when its index is ready. Edits that come while an
//! index is being made are gathered into the next one.
//!
//! The thread knows only which pages to index; it links them from the output
//! folder when it starts an index, so it reads each page as it is then.
//!
//! Pagefind parses pages in parallel on rayon's global pool, from a thread of
//! its own (tokio's), so no pool of ours can take that work. A rebuild on the
//! same pool would wait until Pagefind's whole parallel loop was done (half a
//! minute at 10,000 projects). So in `serve` the global pool and this thread
//! are the index's, at the lowest priority, and builds run on a pool of their
//! own ([`pools`]): an edit gets the cores first, and the index takes the rest.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use rayon::{ThreadPool, ThreadPoolBuilder};
use thread_priority::ThreadPriority;

use crate::render::Output;
use crate::{search, write};

/// How long the site must stay unedited before an index is made: a writer
/// saving again and again gets one index at the end, not one per save.
const QUIET: Duration = Duration::from_millis(500);

enum Change {
    /// The marked pages of the whole site, after a full build.
    All(Vec<String>),
    /// Marked pages rendered again after an edit to their bodies.
    Edited(Vec<String>),
    /// The site has no search (`search: false`).
    Off,
}

/// Hands the pages of each build to the thread that indexes them.
pub struct Indexer {
    changes: Sender<Change>,
}

impl Indexer {
    /// Starts the thread; it writes each index into `output`.
    pub fn start(output: PathBuf) -> Self {
        let (changes, received) = channel();
        let thread = std::thread::Builder::new().name("hanke-index".into());
        if let Err(e) = thread.spawn(move || run(&received, &output)) {
            eprintln!("error: no search index while serving: {e}");
        }
        Indexer { changes }
    }

    /// After a full build: `files` are all of the site's.
    pub fn all(&self, files: &[Output]) {
        self.send(Change::All(marked(files)));
    }

    /// After an edit that rendered only `files` again.
    pub fn edited(&self, files: &[&Output]) {
        self.send(Change::Edited(marked(files.iter().copied())));
    }

    pub fn off(&self) {
        self.send(Change::Off);
    }

    fn send(&self, change: Change) {
        // The thread ends only with the process.
        let _ = self.changes.send(change);
    }
}

/// The paths of the pages the index reads.
fn marked<'a>(files: impl IntoIterator<Item = &'a Output>) -> Vec<String> {
    files
        .into_iter()
        .filter(|f| search::is_indexed(f))
        .map(|f| f.path.clone())
        .collect()
}

/// Gives rayon's global pool to the search index, at the lowest priority, and
/// returns the pool that builds run on. Call before anything uses rayon.
pub fn pools() -> Result<ThreadPool, String> {
    // Fails only if rayon was used already: the index then shares the cores
    // evenly with builds, which still do not queue behind it.
    let _ = ThreadPoolBuilder::new()
        .thread_name(|i| format!("hanke-search-{i}"))
        .start_handler(|_| lowest_priority())
        .build_global();
    ThreadPoolBuilder::new()
        .thread_name(|i| format!("hanke-build-{i}"))
        .build()
        .map_err(|e| format!("cannot start the threads that build the site: {e}"))
}

/// For the calling thread, and the threads it starts. Lowering a priority
/// needs no privileges; if it fails all the same, the index just gives way less.
fn lowest_priority() {
    let _ = thread_priority::set_current_thread_priority(ThreadPriority::Min);
}

fn run(changes: &Receiver<Change>, output: &Path) {
    lowest_priority();
    let mut pages: BTreeSet<String> = BTreeSet::new();
    let mut on = false;
    // Whether `output` holds an index this thread wrote: only that one is
    // removed when search is turned off.
    let mut made_one = false;
    while let Ok(first) = changes.recv() {
        let mut next = Some(first);
        while let Some(change) = next.take() {
            match change {
                Change::All(paths) => {
                    on = true;
                    pages = paths.into_iter().collect();
                }
                Change::Edited(paths) => pages.extend(paths),
                Change::Off => on = false,
            }
            next = match changes.recv_timeout(QUIET) {
                Ok(change) => Some(change),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
        }
        if !on && !made_one {
            continue;
        }
        let started = Instant::now();
        let made = match on {
            true => index(&pages, output),
            false => Ok(Vec::new()),
        };
        let written = made.and_then(|files| {
            write::replace_folder(output, search::BUNDLE_DIR.trim_end_matches('/'), &files)
                .map_err(|e| e.to_string())
        });
        if written.is_ok() {
            made_one = on;
        }
        match (written, on) {
            (Ok(()), true) => eprintln!(
                "Search index ready: {} pages in {} ms.",
                pages.len(),
                started.elapsed().as_millis()
            ),
            (Ok(()), false) => {}
            (Err(e), _) => eprintln!("error: the search index was not updated: {e}"),
        }
    }
}

/// The index of `pages` (paths in `output`), gathered beside the output
/// folder so they can be linked.
fn index(pages: &BTreeSet<String>, output: &Path) -> Result<Vec<Output>, String> {
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = search::Pages::new_in(parent).map_err(|d| d.message)?;
    for page in pages {
        folder.add_written(page, output).map_err(|d| d.message)?;
    }
    folder.index().map_err(|d| d.message)
}
