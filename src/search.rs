//! The search index: Pagefind reads the rendered pages whose templates mark
//! their text with `data-pagefind-body` (projects, good practices, news) and
//! makes a static index, one per language, that the search page's script
//! queries in the reader's browser. Finnish and Swedish words are stemmed, so
//! "lastensuojelusta" finds "lastensuojelu".

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, display_path};
use crate::render::Output;
use crate::write::Scratch;

/// Where the index goes in the output folder.
pub const BUNDLE_DIR: &str = "pagefind/";
/// The name of the folder the pages for the index are gathered in.
const PREFIX: &str = ".hanke-search-";
/// Only pages with this attribute are indexed (Pagefind's own convention).
const MARK: &str = "data-pagefind-body";
/// Pagefind's ready-made interfaces; the theme has its own search page.
const UNUSED: [&str; 4] = [
    "pagefind-ui",
    "pagefind-component-ui",
    "pagefind-modular-ui",
    "pagefind-highlight",
];

/// The pages for the index, gathered in a folder of their own as they are
/// rendered. Pagefind reads a folder's pages in parallel, while pages handed
/// to it from memory go one at a time, each compared with every page before it:
/// a site of 10,000 projects took a minute that way.
pub struct Pages {
    folder: Scratch,
}

impl Pages {
    /// Gathers pages in a new folder in `parent`: pages already written on
    /// the same file system are linked there rather than copied.
    pub fn new_in(parent: &Path) -> Result<Self, Diagnostic> {
        Ok(Pages {
            folder: Scratch::new_in(parent, PREFIX).map_err(failed)?,
        })
    }

    /// Adds `file` if its template marked it for the index. `written` is where
    /// the build already wrote it, if it did.
    pub fn add(&self, file: &Output, written: Option<&Path>) -> Result<(), Diagnostic> {
        if !is_indexed(file) {
            return Ok(());
        }
        match written {
            Some(path) => self.folder.link(&file.path, path),
            None => self.folder.put(file).map(drop),
        }
        .map_err(failed)
    }

    /// Adds the page at `rel` in the output folder `output`, which is marked.
    pub fn add_written(&self, rel: &str, output: &Path) -> Result<(), Diagnostic> {
        self.folder.link(rel, &output.join(rel)).map_err(failed)
    }

    /// The index files for the pages added.
    pub fn index(&self) -> Result<Vec<Output>, Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(failed)?;
        let in_order = self.in_order()?;
        let folder = in_order.path().to_string_lossy().into_owned();
        runtime.block_on(async {
            let config = PagefindServiceConfig::builder().build();
            let mut index = PagefindIndex::new(Some(config)).map_err(failed)?;
            index
                .add_directory(folder, Some("**/*.html".into()))
                .await
                .map_err(failed)?;
            let made = index.get_files().await.map_err(failed)?;
            Ok(made
                .into_iter()
                .filter_map(|f| {
                    let name = f.filename.to_string_lossy().replace('\\', "/");
                    let unused = UNUSED.iter().any(|u| name.starts_with(&format!("{u}.")));
                    (!unused).then(|| Output {
                        path: format!("{BUNDLE_DIR}{name}"),
                        bytes: f.contents,
                    })
                })
                .collect())
        })
    }

    /// The pages, linked into a new folder in the order of their paths.
    /// Pagefind indexes pages in the order it finds them in the folder, and
    /// some file systems (tmpfs) list a folder's files in the order they were
    /// made: by the threads that rendered them, in no fixed order.
    fn in_order(&self) -> Result<Scratch, Diagnostic> {
        let gathered = self.folder.path();
        let parent = gathered.parent().unwrap_or(Path::new("."));
        let in_order = Scratch::new_in(parent, PREFIX).map_err(failed)?;
        for entry in WalkDir::new(gathered).sort_by_file_name() {
            let entry = entry.map_err(failed)?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(gathered).map_err(failed)?;
                (in_order.link(&display_path(rel), entry.path())).map_err(failed)?;
            }
        }
        Ok(in_order)
    }
}

/// Whether the index reads `file`: a page whose template marked its text.
pub fn is_indexed(file: &Output) -> bool {
    file.path.ends_with(".html") && memchr::memmem::find(&file.bytes, MARK.as_bytes()).is_some()
}

fn failed(error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        "search-index",
        format!("the search index could not be built: {error}"),
    )
    .hint("set `search: false` in site.yaml to build the site without search, and report this")
}
