//! Stages 1 and 2: load the content files, then validate them into the typed
//! site model. Nothing in here writes to disk.

pub mod contact_info;
pub mod dates;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod people;
pub mod raw;
pub mod slug;
pub mod urls;
pub mod validate;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::config::Config;
use crate::domain::Domain;

/// Loads and validates everything under `root`; the loaded pages come along
/// for `serve`, which re-checks single pages after an edit. With `remember`,
/// the checks of each page are kept for [`read_again`].
pub fn read(
    root: &Path,
    config: Config,
    domain: &Domain,
    today: Date,
    remember: bool,
) -> (load::Loaded, validate::Validated) {
    let loaded = load::load(root, &config.languages);
    let validated = validate::validate(root, config, domain, &loaded, today, None, remember);
    with_load_problems(loaded, validated)
}

/// Loads and validates again after the Markdown files `changed` (relative to
/// `root`) were saved, added or deleted, with the settings and data of the
/// last read: files known to `last` are read again only if they changed, and
/// pages checked again only if something their checks read changed.
pub fn read_again(
    root: &Path,
    config: Config,
    domain: &Domain,
    today: Date,
    (last, memo): (load::Loaded, validate::Memo),
    changed: &[PathBuf],
) -> (load::Loaded, validate::Validated) {
    let loaded =
        load::again(root, last, changed).unwrap_or_else(|| load::load(root, &config.languages));
    let validated = validate::validate(root, config, domain, &loaded, today, Some(memo), true);
    with_load_problems(loaded, validated)
}

/// Problems with files that are not pages come first.
fn with_load_problems(
    loaded: load::Loaded,
    mut validated: validate::Validated,
) -> (load::Loaded, validate::Validated) {
    validated
        .diagnostics
        .splice(0..0, loaded.problems.iter().cloned());
    (loaded, validated)
}
