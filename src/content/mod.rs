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
use crate::diagnostic::Diagnostic;
use crate::domain::Domain;
use model::Site;

/// Loads and validates everything under `root`.
pub fn read(root: &Path, config: Config, domain: &Domain, today: Date) -> (Site, Vec<Diagnostic>) {
    let (loaded, mut diagnostics) = load::load(root, &config.languages);
    let (site, found) = validate::validate(root, config, domain, loaded, today);
    diagnostics.extend(found);
    (site, diagnostics)
}
