//! The search index: Pagefind reads the rendered pages whose templates mark
//! their text with `data-pagefind-body` (projects, good practices, news) and
//! makes a static index, one per language, that the search page's script
//! queries in the reader's browser. Finnish and Swedish words are stemmed, so
//! "lastensuojelusta" finds "lastensuojelu".

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostic::Diagnostic;
use crate::render::Output;

/// Where the index goes in the output folder.
pub const BUNDLE_DIR: &str = "pagefind/";
/// Only pages with this attribute are indexed (Pagefind's own convention).
const MARK: &str = "data-pagefind-body";
/// Pagefind's ready-made interfaces; the theme has its own search page.
const UNUSED: [&str; 4] = [
    "pagefind-ui",
    "pagefind-component-ui",
    "pagefind-modular-ui",
    "pagefind-highlight",
];

/// The index files for the marked pages among `files`.
pub fn index(files: &[Output]) -> Result<Vec<Output>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(failed)?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder().build();
        let mut index = PagefindIndex::new(Some(config)).map_err(failed)?;
        for file in files.iter().filter(|f| is_indexed(f)) {
            let Ok(html) = std::str::from_utf8(&file.bytes) else {
                continue;
            };
            index
                .add_html_file(Some(file.path.clone()), None, html.to_string())
                .await
                .map_err(failed)?;
        }
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
