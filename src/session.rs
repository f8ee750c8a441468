//! A build that remembers what it made, so the next one can redo only what an
//! edit touched. `build` and `check` run one full build; `serve` keeps the
//! session between edits.
//!
//! The common edit while writing is to a page's Markdown body. Listings,
//! taxonomies, contacts, open data and other pages read only front matter, so
//! when every changed file is a known page whose front matter is byte for byte
//! the same, only those pages are checked and rendered again, and links to
//! headings are checked anew across the site.
//!
//! Any other edit to Markdown files (front matter, files added or deleted)
//! reads only the changed files again, checks again only the pages whose
//! inputs changed (see `validate::Memo`), and renders again the pages of items
//! whose model changed, the listing cards whose summary changed, the
//! listings whose templates would read something new, the vCards of people
//! whose details changed, the feeds whose news changed and the sitemap if a
//! page or a language version came or went; every other file is taken from
//! the last build. A change to anything else (settings, data, templates, static or
//! bundle files) rebuilds everything.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::load::{self, Loaded};
use crate::content::markdown::LinkAt;
use crate::content::model::Site;
use crate::content::validate::{self, BodyEdit, Memo};
use crate::diagnostic::{self, Diagnostic, display_path};
use crate::domain::Domain;
use crate::render::theme::Theme;
use crate::render::{self, Output, Rendered, Sink};
use crate::write::Staging;
use crate::{Options, check, config, content, search};

/// What one full build made, kept for the next.
pub struct Last {
    loaded: Loaded,
    /// Each page's checks and the address book they were made with, so that an
    /// edit checks again only what it touched (kept by `serve` only).
    memo: Option<Memo>,
    /// What the render remembered, so that an edit renders again only the
    /// cards, listings and sitemap it changed.
    remembered: render::Remembered,
    domain: Domain,
    pub site: Site,
    theme: Theme,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file of the site, whether or not errors stop it being published.
    pub rendered: Rendered,
}

/// What a build or rebuild reports.
pub struct Update<'a> {
    /// Every diagnostic of the site as it is now, sorted.
    pub diagnostics: &'a [Diagnostic],
    /// The whole site, when it rendered.
    pub rendered: Option<&'a Rendered>,
    /// The files an edit changed, when it touched only them; None when any
    /// file of the site may have changed.
    pub changed: Option<Vec<&'a Output>>,
    /// Whether the site has a search index (`search:` in site.yaml).
    pub search: bool,
}

impl Update<'_> {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub struct Session {
    options: Options,
    last: Option<Last>,
    /// Diagnostics of a build that did not get as far as rendering.
    failed: Vec<Diagnostic>,
    /// Output paths re-rendered by the last body edit.
    changed: Option<Vec<String>>,
}

/// What one full build is for.
#[derive(Clone, Copy)]
pub struct Plan<'a> {
    /// Whether to keep the loaded sources for the next edit; a one-off build
    /// frees them before rendering, when memory peaks.
    pub keep_sources: bool,
    /// Whether to make the search index (`check` publishes nothing, so needs none).
    pub search_index: bool,
    /// Where `build` writes each file as it is rendered; None keeps every file
    /// in memory.
    pub staging: Option<&'a Staging>,
}

impl Plan<'_> {
    /// One build in memory, as published (tests).
    pub const RENDER: Plan<'static> = Plan {
        keep_sources: false,
        search_index: true,
        staging: None,
    };
    /// `serve`: everything in memory, sources kept for the next edit. `serve`
    /// makes the search index itself, in the background.
    pub const SERVE: Plan<'static> = Plan {
        keep_sources: true,
        search_index: false,
        ..Plan::RENDER
    };
    /// `check`: one build in memory, without the search index.
    pub const CHECK: Plan<'static> = Plan {
        search_index: false,
        ..Plan::RENDER
    };
}

impl Session {
    /// A session that rebuilds after edits (`serve`).
    pub fn new(options: Options) -> Self {
        Session {
            options,
            last: None,
            failed: Vec::new(),
            changed: None,
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Builds the whole site.
    pub fn build(&mut self) -> Update<'_> {
        self.changed = None;
        // Whatever the new build makes, the last one is done with: freed first,
        // its memory holds the new one.
        self.last = None;
        match full(&self.options, Plan::SERVE) {
            Ok(last) => self.last = Some(last),
            Err(diagnostics) => self.failed = diagnostics,
        }
        self.update()
    }

    /// Rebuilds after the files `changed` (relative to the site's folder) were
    /// saved: only their pages if only their bodies changed; after other edits
    /// to Markdown files, what they touched (see `again`); else everything.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Update<'_> {
        if changed.is_empty() {
            return self.build();
        }
        // A file that is not there and never was a page or a file of the site
        // (an editor's or a tool's temporary file) changes nothing.
        let changed: Vec<PathBuf> = changed
            .iter()
            .filter(|p| self.options.root.join(p).exists() || self.was_part(p))
            .cloned()
            .collect();
        if changed.is_empty() {
            self.changed = Some(Vec::new());
            return self.update();
        }
        if let Some(outputs) = self.body_edit(&changed) {
            self.changed = Some(outputs);
            return self.update();
        }
        let pages_only = changed
            .iter()
            .all(|p| p.starts_with(load::CONTENT_DIR) && p.extension().is_some_and(|e| e == "md"));
        match self.last.take() {
            Some(last) if pages_only => {
                match again(&self.options, last, &changed) {
                    Ok((last, outputs)) => {
                        self.changed = outputs;
                        self.last = Some(last);
                    }
                    Err(diagnostics) => {
                        self.changed = None;
                        self.failed = diagnostics;
                    }
                }
                self.update()
            }
            _ => self.build(),
        }
    }

    /// Whether `path` was a page or a copied file of the last build.
    fn was_part(&self, path: &Path) -> bool {
        // The paths come from the same walk, so the same file is the same
        // bytes: comparing them so is much cheaper than by components.
        let path = path.as_os_str();
        self.last.as_ref().is_some_and(|last| {
            let loaded = &last.loaded;
            loaded
                .pages
                .iter()
                .any(|p| p.source.path.as_os_str() == path)
                || loaded.bundle_files.iter().any(|f| f.as_os_str() == path)
                || loaded.static_files.iter().any(|f| f.as_os_str() == path)
        })
    }

    fn update(&self) -> Update<'_> {
        let Some(last) = &self.last else {
            return Update {
                diagnostics: &self.failed,
                rendered: None,
                changed: None,
                search: false,
            };
        };
        let changed = self.changed.as_ref().map(|paths| {
            paths
                .iter()
                .filter_map(|path| last.rendered.file(path))
                .collect()
        });
        Update {
            diagnostics: &last.diagnostics,
            rendered: Some(&last.rendered),
            changed,
            search: last.site.config.search,
        }
    }

    /// Re-checks and re-renders only the edited pages, when nothing but their
    /// bodies changed; returns the output paths rendered again. None: the edit
    /// needs a full build.
    fn body_edit(&mut self, changed: &[PathBuf]) -> Option<Vec<String>> {
        let root = self.options.root.clone();
        let last = self.last.as_mut()?;
        let files: Vec<String> = changed.iter().map(|p| display_path(p)).collect();
        // Errors elsewhere may have kept pages out of the model: build it all.
        let errors_elsewhere = last
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.code != check::BROKEN_ANCHOR && !files.contains(&d.file));
        if changed.is_empty() || errors_elsewhere {
            return None;
        }
        let mut edits: Vec<(usize, load::Page, BodyEdit)> = Vec::new();
        for path in changed {
            let i = last
                .loaded
                .pages
                .iter()
                .position(|p| p.source.path.as_os_str() == path.as_os_str())?;
            let old = &last.loaded.pages[i];
            let page = load::reread(&root, old).ok()?;
            if page.yaml() != old.yaml() || page.front_matter != old.front_matter {
                return None;
            }
            let links = &last.memo.as_ref()?.book.links;
            let edit = validate::body_edit(&root, &last.site, links, &last.domain, &page)?;
            edits.push((i, page, edit));
        }
        // Every edit checked out: now change the model.
        let mut sources = Vec::new();
        for (i, page, edit) in edits {
            let source = display_path(&page.source.path);
            apply(&mut last.site, &source, edit.body);
            last.diagnostics.retain(|d| d.file != source);
            last.diagnostics.extend(edit.diagnostics);
            let from_page =
                |links: &Arc<[LinkAt]>| links.iter().any(|l| l.file == page.source.path);
            last.site.later_links.retain(|links| !from_page(links));
            if !edit.later_links.is_empty() {
                last.site.later_links.push(edit.later_links);
            }
            last.loaded.pages[i] = page;
            sources.push(source);
        }
        let mut paths = Vec::new();
        match render::render_pages(&last.site, &mut last.theme, &sources) {
            Ok(outputs) => {
                for output in outputs {
                    paths.push(output.path.clone());
                    match last.rendered.file_mut(&output.path) {
                        Some(old) => *old = output,
                        None => return None,
                    }
                }
            }
            Err(found) => last.diagnostics.extend(found),
        }
        last.diagnostics.retain(|d| d.code != check::BROKEN_ANCHOR);
        let base_path = &last.site.config.base_path;
        let broken = check::anchors(&last.site.later_links, &last.rendered, base_path, &root);
        last.diagnostics.extend(broken);
        diagnostic::sort(&mut last.diagnostics);
        Some(paths)
    }

    /// Does what only the next edit needs of the last build (see
    /// [`Memo::settle`]): call it once the last build is published.
    pub fn settle(&mut self) {
        if let Some(Last {
            memo: Some(memo),
            loaded,
            site,
            ..
        }) = &mut self.last
        {
            memo.settle(loaded, site);
        }
    }

    /// Ends the session, handing over what the last build made.
    pub fn into_last(self) -> Result<Last, Vec<Diagnostic>> {
        self.last.ok_or(self.failed)
    }
}

/// Puts a page's new body into the model, in every place made from `source`.
fn apply(site: &mut Site, source: &str, body: Arc<String>) {
    for p in site.projects.iter_mut().chain(site.translations.iter_mut()) {
        if p.source == source {
            Arc::make_mut(p).body = Arc::clone(&body);
        }
    }
    for g in site
        .good_practices
        .iter_mut()
        .filter(|g| g.source == source)
    {
        Arc::make_mut(g).body = Arc::clone(&body);
    }
}

/// Checks every page again after edits to Markdown files only (any part of
/// them, files added or deleted), with the settings, data and theme of `last`,
/// and renders again only the pages that may have changed: listings whose
/// templates would read something new, and the pages of items whose model
/// changed. The rest are taken from `last`.
/// Returns the new build and the paths of the files that changed, or None for
/// those when files were added or removed.
fn again(
    options: &Options,
    last: Last,
    changed: &[PathBuf],
) -> Result<(Last, Option<Vec<String>>), Vec<Diagnostic>> {
    let root: &Path = &options.root;
    let Last {
        loaded: last_loaded,
        memo: last_memo,
        domain,
        mut theme,
        site: last_site,
        rendered: mut last_rendered,
        remembered: mut last_remembered,
        ..
    } = last;
    let (config, mut diagnostics) =
        config::load(root, options.base_url.as_deref(), options.today, &domain).map_err(sorted)?;
    let mut memo = last_memo.unwrap_or_default();
    memo.settle(&last_loaded, &last_site);
    let (loaded, mut validated) = content::read_again(
        root,
        config,
        &domain,
        options.today,
        (last_loaded, memo),
        changed,
    );
    diagnostics.append(&mut validated.diagnostics);
    let site = &validated.site;
    let in_memory = Route {
        staging: None,
        anchor_targets: HashSet::new(),
        search: None,
    };
    let since = render::Since::new(&last_site, &mut last_remembered);
    let render::Made {
        mut rendered,
        unchanged,
        mut remembered,
    } = match render::render_kept(site, &mut theme, &in_memory, Some(since)) {
        Ok(made) => made,
        Err(found) => {
            diagnostics.extend(found);
            return Err(sorted(diagnostics));
        }
    };
    // What the edit changed: most files made from the whole site (contact
    // cards, feeds) come out as they were, and need no writing or indexing.
    let (again, known): (Vec<Option<String>>, Vec<bool>) = (rendered.files.par_iter())
        .map(|f| match last_rendered.file(&f.path) {
            Some(old) => ((old.bytes != f.bytes).then(|| f.path.clone()), true),
            None => (Some(f.path.clone()), false),
        })
        .unzip();
    let again: Vec<String> = again.into_iter().flatten().collect();
    // The same files as the last build: every one rendered again was in it,
    // and with those left as they were they are as many.
    let same_files = known.into_iter().all(|k| k)
        && rendered.files.len() + unchanged.len() == last_rendered.files.len();
    let rendered = match same_files && names_the_rest(&unchanged, &last_rendered, &rendered) {
        // The last build's files, the ones rendered again put in their places.
        true => {
            let mut files = std::mem::take(&mut last_rendered.files);
            for file in rendered.files {
                let at = files.binary_search_by(|f| f.path.cmp(&file.path));
                let at = at.expect("rendered again: in the last build");
                remembered
                    .spares
                    .push(std::mem::replace(&mut files[at], file));
            }
            Rendered {
                files,
                copies: rendered.copies,
            }
        }
        false => {
            // Taken in the last build's order, which is the order of their paths,
            // so that adding them to the new files is one merge of two sorted runs.
            let unchanged: foldhash::HashSet<Arc<str>> = unchanged.into_iter().collect();
            let taken: Vec<Output> = (last_rendered.files.iter_mut())
                .filter(|file| unchanged.contains(file.path.as_str()))
                .map(std::mem::take)
                .collect();
            if taken.len() != unchanged.len() {
                // Not all in the last build after all: render everything.
                return full(options, Plan::SERVE).map(|last| (last, None));
            }
            rendered.add(taken);
            rendered
        }
    };
    // The last build is done with; freeing it takes a while at thousands of projects.
    crate::drop_later((last_rendered, last_site, last_remembered));
    let made = render::Made {
        rendered,
        unchanged: Vec::new(),
        remembered,
    };
    let last = finish(root, loaded, validated, domain, theme, made, diagnostics);
    Ok((last, same_files.then_some(again)))
}

/// Whether `unchanged` names exactly the files of `last` that `now` has not
/// rendered again, given that they are as many and that every file of `now`
/// was in `last`: compared as the sums of their paths' hashes, in parallel,
/// the rest's as all of `last` less those of `now`, so no set of tens of
/// thousands of paths is made. The render names them from the last build's
/// own paths, so this only guards against a mistake.
fn names_the_rest(unchanged: &[Arc<str>], last: &Rendered, now: &Rendered) -> bool {
    use std::hash::BuildHasher;
    let state = foldhash::fast::FixedState::with_seed(0x6861_6e6b_6521);
    let sum = |paths: &[&str]| {
        (paths.par_iter())
            .map(|path| state.hash_one(path))
            .reduce(|| 0, u64::wrapping_add)
    };
    fn paths(files: &[Output]) -> Vec<&str> {
        files.iter().map(|f| f.path.as_str()).collect()
    }
    let rest = sum(&paths(&last.files)).wrapping_sub(sum(&paths(&now.files)));
    sum(&unchanged.iter().map(|path| &**path).collect::<Vec<_>>()) == rest
}

/// The build that `made` completes, once links to headings are checked
/// against the rendered pages.
fn finish(
    root: &Path,
    loaded: Loaded,
    validated: validate::Validated,
    domain: Domain,
    theme: Theme,
    made: render::Made,
    mut diagnostics: Vec<Diagnostic>,
) -> Last {
    let site = validated.site;
    diagnostics.extend(check::anchors(
        &site.later_links,
        &made.rendered,
        &site.config.base_path,
        root,
    ));
    Last {
        loaded,
        memo: validated.memo,
        remembered: made.remembered,
        domain,
        site,
        theme,
        diagnostics: sorted(diagnostics),
        rendered: made.rendered,
    }
}

/// Loads, validates and renders the whole site. Err: it did not get as far as
/// rendering (settings, data or templates are broken), with why.
pub fn full(options: &Options, plan: Plan) -> Result<Last, Vec<Diagnostic>> {
    let root: &Path = &options.root;
    let domain = crate::domain::load(root).map_err(sorted)?;
    let (config, mut diagnostics) =
        config::load(root, options.base_url.as_deref(), options.today, &domain).map_err(sorted)?;
    let theme = Theme::load(root, &config);
    let (mut loaded, mut validated) =
        content::read(root, config, &domain, options.today, plan.keep_sources);
    if !plan.keep_sources {
        loaded = Loaded::default();
    }
    diagnostics.append(&mut validated.diagnostics);
    let mut theme = match theme {
        Ok(t) => t,
        Err(found) => {
            diagnostics.extend(found);
            return Err(sorted(diagnostics));
        }
    };
    let site = &validated.site;
    let search = match plan.search_index && site.config.search {
        true => {
            let parent = plan
                .staging
                .map_or_else(std::env::temp_dir, |s| s.parent().into());
            Some(search::Pages::new_in(&parent).map_err(|d| vec![d])?)
        }
        false => None,
    };
    let sink = Route {
        staging: plan.staging,
        anchor_targets: match plan.staging {
            Some(_) => check::anchor_targets(&site.later_links, &site.config.base_path),
            None => HashSet::new(),
        },
        search: search.as_ref(),
    };
    // Render even when some pages have errors: the pages that are fine still get
    // their links to headings checked, so one run reports every problem.
    let made = match plan.keep_sources {
        true => render::render_kept(site, &mut theme, &sink, None),
        false => render::render(site, &mut theme, &sink).map(|rendered| render::Made {
            rendered,
            unchanged: Vec::new(),
            remembered: render::Remembered::default(),
        }),
    };
    match made {
        Ok(mut made) => {
            if let Some(search) = &search {
                let index: Result<Vec<_>, _> = search
                    .index()
                    .and_then(|files| files.into_iter().map(|f| sink.take(f)).collect());
                match index {
                    Ok(kept) => made.rendered.add(kept.into_iter().flatten().collect()),
                    Err(d) => diagnostics.push(d),
                }
            }
            Ok(finish(
                root,
                loaded,
                validated,
                domain,
                theme,
                made,
                diagnostics,
            ))
        }
        Err(found) => {
            diagnostics.extend(found);
            Err(sorted(diagnostics))
        }
    }
}

/// Where each file goes as it is rendered: into the staging folder when the
/// build writes one, keeping in memory only the pages that links to headings
/// point into (checked after rendering); else all into memory. Pages for the
/// search index are gathered for it either way.
struct Route<'a> {
    staging: Option<&'a Staging>,
    /// Only needed with `staging`: without it every file stays in memory.
    anchor_targets: HashSet<String>,
    search: Option<&'a search::Pages>,
}

impl Sink for Route<'_> {
    fn take(&self, file: Output) -> Result<Option<Output>, Diagnostic> {
        let written = match self.staging {
            Some(staging) => Some(
                staging
                    .put(&file)
                    .map_err(|e| Diagnostic::error("write", e.to_string()))?,
            ),
            None => None,
        };
        if let Some(search) = self.search {
            search.add(&file, written.as_deref())?;
        }
        let kept = written.is_none() || self.anchor_targets.contains(&file.path);
        Ok(kept.then_some(file))
    }
}

fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostic::sort(&mut diagnostics);
    diagnostics
}
