//! The site's address book: the address of every page and copied file, which
//! links are checked against. It follows from the files' names and the
//! settings alone, so `serve` keeps it across edits that add, remove or
//! rename no file.

use foldhash::HashMap;
use std::collections::hash_map::Entry;
use std::ffi::OsString;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::links::Links;
use crate::content::load::{self, Loaded, Page};
use crate::content::model::Asset;
use crate::content::urls;
use crate::diagnostic::{Diagnostic, display_path};

/// The address book of one validation, with the files to copy.
#[derive(Default)]
pub struct AddressBook {
    /// What it was made from.
    sources: Sources,
    pub links: Links,
    pub assets: Vec<Asset>,
    /// The loaded pages with an address of their own, by index: a page whose
    /// address an earlier one has is left out.
    pages: Vec<usize>,
    /// Why each page left out was.
    pub duplicates: Vec<Diagnostic>,
}

/// What an address book reads: the settings of addresses, and the names of
/// the site's files (as bytes: comparing them is comparing paths' text).
#[derive(Default)]
struct Sources {
    base_path: String,
    language: String,
    languages: Vec<String>,
    search: bool,
    pages: Vec<OsString>,
    bundle_files: Vec<PathBuf>,
    static_files: Vec<PathBuf>,
}

impl Sources {
    fn of(config: &Config, loaded: &Loaded) -> Self {
        Sources {
            base_path: config.base_path.clone(),
            language: config.language.clone(),
            languages: config.languages.clone(),
            search: config.search,
            pages: (loaded.pages.iter())
                .map(|p| p.source.path.clone().into_os_string())
                .collect(),
            bundle_files: loaded.bundle_files.clone(),
            static_files: loaded.static_files.clone(),
        }
    }

    /// Whether `loaded`'s files under `config` are these, compared in place:
    /// an edit that keeps the address book copies no path.
    fn are(&self, config: &Config, loaded: &Loaded) -> bool {
        self.base_path == config.base_path
            && self.language == config.language
            && self.languages == config.languages
            && self.search == config.search
            && self.pages.len() == loaded.pages.len()
            && (self.pages.iter().zip(&loaded.pages))
                .all(|(path, page)| *path == page.source.path.as_os_str())
            && self.bundle_files == loaded.bundle_files
            && self.static_files == loaded.static_files
    }
}

impl AddressBook {
    /// The address book of `loaded`'s files under `config`: `last` itself if
    /// it was made from the same; and whether it is the same as `last`.
    pub fn of(config: &Config, loaded: &Loaded, last: Option<AddressBook>) -> (Self, bool) {
        let last = match last {
            Some(last) if last.sources.are(config, loaded) => return (last, true),
            last => last,
        };
        let sources = Sources::of(config, loaded);
        let mut duplicates = Vec::new();
        let (pages, paths) = without_duplicates(&loaded.pages, &mut duplicates);
        let kept = pages.iter().map(|&i| &loaded.pages[i]);
        let (links, assets) = links_and_assets(
            config,
            kept,
            paths,
            &loaded.bundle_files,
            &loaded.static_files,
        );
        let same = last.is_some_and(|last| last.links == links);
        let book = AddressBook {
            sources,
            links,
            assets,
            pages,
            duplicates,
        };
        (book, same)
    }

    /// The pages of `loaded` with an address of their own, in order.
    pub fn pages<'p>(&self, loaded: &'p Loaded) -> Vec<&'p Page> {
        self.pages.iter().map(|&i| &loaded.pages[i]).collect()
    }
}

/// The pages (their indexes) and, in the same order, their addresses. Two pages that would be
/// written to the same address: the second is an error, and left out.
fn without_duplicates(
    pages: &[Page],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<usize>, Vec<String>) {
    let paths: Vec<String> = pages.par_iter().map(Page::path).collect();
    let mut first: HashMap<&str, &Page> =
        HashMap::with_capacity_and_hasher(pages.len(), Default::default());
    let mut kept = vec![true; pages.len()];
    for ((page, path), kept) in pages.iter().zip(&paths).zip(&mut kept) {
        let earlier = match first.entry(path) {
            Entry::Vacant(free) => {
                free.insert(page);
                continue;
            }
            Entry::Occupied(earlier) => earlier,
        };
        *kept = false;
        diagnostics.push(
            Diagnostic::error(
                "duplicate-slug",
                format!(
                    "the address /{path} is already used by {}",
                    display_path(&earlier.get().source.path)
                ),
            )
            .in_file(&page.source.path)
            .hint(
                "rename one of the two files; every project and good practice needs its own name",
            ),
        );
    }
    (paths.into_iter().zip(kept).enumerate())
        .filter_map(|(i, (path, kept))| kept.then_some((i, path)))
        .unzip()
}

/// The address book of the site's pages (`paths`: their addresses, in the
/// same order) and files, and the files to copy.
fn links_and_assets<'p>(
    config: &Config,
    pages: impl Iterator<Item = &'p Page>,
    paths: Vec<String>,
    bundle_files: &[PathBuf],
    static_files: &[PathBuf],
) -> (Links, Vec<Asset>) {
    let mut links = Links {
        base_path: config.base_path.clone(),
        ..Links::default()
    };
    for lang in &config.languages {
        let prefix = urls::language_prefix(lang, &config.language);
        links.pages.insert(format!("{prefix}{}", urls::home()));
        let listings = [urls::good_practices(), urls::news(), urls::overview()];
        if config.search {
            links.pages.insert(format!("{prefix}{}", urls::search()));
        }
        let taxonomies = urls::TAXONOMIES.map(|key| format!("{key}/"));
        for path in listings.iter().chain(&taxonomies) {
            links.pages.insert(format!("{prefix}{path}"));
        }
    }
    links.pages.insert(urls::contacts());
    for (page, path) in pages.zip(paths) {
        links.pages.insert(path.clone());
        links.markdown.insert(page.source.path.clone(), path);
    }
    let mut assets = Vec::new();
    for file in bundle_files {
        let output = load::bundle_output_path(file);
        assets.push(Asset {
            source: file.clone(),
            output: output.clone(),
        });
    }
    for file in static_files {
        let output = display_path(file.strip_prefix(load::STATIC_DIR).unwrap_or(file));
        assets.push(Asset {
            source: file.clone(),
            output,
        });
    }
    for asset in &assets {
        links
            .files
            .insert(asset.source.clone(), asset.output.clone());
        links.file_outputs.insert(asset.output.clone());
    }
    assets.sort();
    (links, assets)
}
