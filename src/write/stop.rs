//! What a stop (Ctrl+C, or a cancelled CI job) leaves behind: nothing, and the
//! output folder as it was or as the finished build made it. The process ends
//! without running destructors, so the scratch folders being written register
//! here and [`abandon`] removes them: writing stops first, and a swap of the
//! output folder under way is finished, never cut in half.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Folders to remove if the process is stopped now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static STOPPING: AtomicBool = AtomicBool::new(false);

/// How long writes already under way get to finish before their folders go.
const SETTLE: Duration = Duration::from_millis(100);

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    // A thread that panicked holding it left the list as usable as before.
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// A folder that a stop removes, until this is dropped.
#[derive(Debug)]
pub struct Registered(PathBuf);

impl Registered {
    pub fn new(path: &Path) -> Self {
        live().push(path.to_path_buf());
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut live = live();
        if let Some(i) = live.iter().position(|p| *p == self.0) {
            live.swap_remove(i);
        }
    }
}

/// Whether a stop has begun: nothing more is written.
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// Runs `renames` with a stop held off until they are done.
pub fn unstoppable<T>(renames: impl FnOnce() -> T) -> T {
    let _held = live();
    renames()
}

/// Stops all writing and removes every registered folder. The caller ends the
/// process next (a Ctrl+C handler).
pub fn abandon() {
    STOPPING.store(true, Ordering::SeqCst);
    std::thread::sleep(SETTLE);
    // Waits for a swap under way; kept until the process ends.
    let live = live();
    for dir in live.iter() {
        let _ = fs::remove_dir_all(dir);
    }
    std::mem::forget(live);
}
