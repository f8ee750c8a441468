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

use std::path::Path;

use jiff::civil::Date;

use crate::config::Config;
use crate::domain::Domain;

/// Loads and validates everything under `root`; the loaded pages come along
/// for `serve`, which re-checks single pages after an edit.
pub fn read(
    root: &Path,
    config: Config,
    domain: &Domain,
    today: Date,
) -> (load::Loaded, validate::Validated) {
    let (loaded, diagnostics) = load::load(root, &config.languages);
    let mut validated = validate::validate(root, config, domain, &loaded, today);
    validated.diagnostics.splice(0..0, diagnostics);
    (loaded, validated)
}
