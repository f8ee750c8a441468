//! The floor for the build benchmark: what any generator must do for a site,
//! and nothing more. Reads every Markdown file under `SITE/content`, converts its
//! body with pulldown-cmark (the options hanke uses) and writes the HTML to `OUT`,
//! in parallel, with no front matter parsing, no templates and no checks.
//!
//! `cargo run --release --example floor -- SITE OUT`

use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() {
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let [site, out] = args.as_slice() else {
        panic!("usage: floor SITE OUT");
    };
    let content = site.join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|file| {
        let text = fs::read_to_string(file).unwrap();
        let body = body_of(&text);
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

/// The text after the front matter's closing `---`.
fn body_of(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|end| &rest[end + 5..]))
        .unwrap_or(text)
}
