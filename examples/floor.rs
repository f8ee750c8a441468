//! The floor for the build benchmark: what any generator must do for a site,
//! and nothing more. Reads every Markdown file under `SITE/content`, converts its
//! body with pulldown-cmark (the options hanke uses) and writes the HTML to `OUT`,
//! in parallel, with no front matter parsing, no templates and no checks.
//!
//! With `--front-matter` it also parses each file's front matter into hanke's
//! own front matter types, with serde-saphyr as hanke does (every value keeps
//! its position for error messages): the part of hanke's work that no template
//! or check can take away.
//!
//! `cargo run --release --example floor -- SITE OUT [--front-matter]`

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hanke::content::load::{GOOD_PRACTICES_DIR, NEWS_DIR};
use hanke::content::raw::{RawGoodPractice, RawNews, RawProject};
use hanke::diagnostic::SourceText;
use hanke::yaml::Document;
use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

// hanke's allocator, so that the floor's figures differ from hanke's only in
// the work done.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let front_matter = args.iter().any(|a| a == "--front-matter");
    args.retain(|a| a != "--front-matter");
    let [site, out] = args.as_slice() else {
        panic!("usage: floor SITE OUT [--front-matter]");
    };
    let (site, out) = (Path::new(site), Path::new(out));
    let content = site.join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|file| {
        let text = fs::read_to_string(file).unwrap();
        let (yaml, body) = split(&text);
        if front_matter {
            parse(file, yaml);
        }
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let mut page = String::with_capacity(body.len() * 2);
        html::push_html(&mut page, Parser::new_ext(body, options));
        let target = out.join(file.strip_prefix(&content).unwrap().with_extension("html"));
        fs::create_dir_all(target.parent().unwrap_or(Path::new("."))).unwrap();
        fs::write(target, page).unwrap();
    });
    eprintln!("converted {} files", files.len());
}

/// The front matter between the `---` fences, and the text after them.
fn split(text: &str) -> (&str, &str) {
    text.strip_prefix("---\n")
        .and_then(|rest| {
            rest.find("\n---\n")
                .map(|end| (&rest[..=end], &rest[end + 5..]))
        })
        .unwrap_or(("", text))
}

/// Parses front matter as hanke's type for the file's kind of page.
fn parse(file: &Path, yaml: &str) {
    let source = Arc::new(SourceText {
        path: file.to_path_buf(),
        text: String::new(),
    });
    let doc = Document {
        yaml,
        source: &source,
        line_offset: 1,
    };
    let in_folder = |name: &str| file.components().any(|c| c.as_os_str() == name);
    let parsed = if in_folder(NEWS_DIR) {
        doc.parse::<RawNews>().map(drop)
    } else if in_folder(GOOD_PRACTICES_DIR) {
        doc.parse::<RawGoodPractice>().map(drop)
    } else {
        doc.parse::<RawProject>().map(drop)
    };
    if let Err(e) = parsed {
        panic!("{}: {}", file.display(), e.message);
    }
}
