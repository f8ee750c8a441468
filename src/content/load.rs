//! Stage 1: find the content files and split each into front matter and body.
//! Nothing here interprets the YAML; `validate` does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::slug;
use crate::diagnostic::{Diagnostic, SourceText, display_path};

pub const CONTENT_DIR: &str = "content";
pub const PROJECTS_DIR: &str = "projects";
pub const GOOD_PRACTICES_DIR: &str = "good-practices";
/// Site-wide news under `content/news/`, a project's own in its bundle's `news/`.
pub const NEWS_DIR: &str = "news";
pub const STATIC_DIR: &str = "static";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Project,
    GoodPractice {
        project: String,
    },
    /// A news item or press release; `project` is the bundle it is in, if any.
    News {
        project: Option<String>,
    },
}

/// One Markdown file, read and split.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: Kind,
    pub slug: String,
    /// The language of a translation (`sointu.sv.md`); None for the default language.
    pub lang: Option<String>,
    pub source: Arc<SourceText>,
    /// Byte range of the YAML between the fences.
    pub front_matter: std::ops::Range<usize>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// The bundle folder of the project the page belongs to, if it is a bundle.
    pub bundle: Option<PathBuf>,
}

impl Page {
    /// The page's path under the base path: `sv/projects/sointu/`.
    pub fn path(&self) -> String {
        let prefix = self
            .lang
            .as_deref()
            .map(|l| format!("{l}/"))
            .unwrap_or_default();
        match &self.kind {
            Kind::Project => format!("{prefix}{}", super::urls::project(&self.slug)),
            Kind::GoodPractice { .. } => {
                format!("{prefix}{}", super::urls::good_practice(&self.slug))
            }
            Kind::News { .. } => format!("{prefix}{}", super::urls::news_item(&self.slug)),
        }
    }

    pub fn yaml(&self) -> &str {
        &self.source.text[self.front_matter.clone()]
    }

    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }

    /// Lines before the YAML starts (the opening fence).
    pub fn yaml_line_offset(&self) -> usize {
        self.source.text[..self.front_matter.start]
            .matches('\n')
            .count()
    }
}

/// Everything found under `content/` and `static/`.
#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<Page>,
    /// Non-Markdown files in project bundles, relative to the site root.
    pub bundle_files: Vec<PathBuf>,
    /// Files under `static/`, relative to the site root.
    pub static_files: Vec<PathBuf>,
    /// What is wrong with files that did not become pages.
    pub problems: Vec<Diagnostic>,
}

/// Reads every content file under `root`. Problems with single files become
/// diagnostics; the rest of the site still loads.
///
/// `languages` are the site's languages, the default first: `sointu.sv.md` and
/// `index.sv.md` are Swedish versions when `sv` is one of them.
pub fn load(root: &Path, languages: &[String]) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut found: Vec<(Kind, String, PathBuf, Option<PathBuf>)> = Vec::new();
    let mut loaded = Loaded::default();

    let projects = Path::new(CONTENT_DIR).join(PROJECTS_DIR);
    for rel in files_under(root, &projects) {
        let parts: Vec<String> = rel
            .strip_prefix(&projects)
            .expect("walked under projects")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let is_md = rel.extension().is_some_and(|e| e == "md");
        match (parts.as_slice(), is_md) {
            ([file], true) => {
                let slug = file.trim_end_matches(".md").to_string();
                found.push((Kind::Project, slug, rel, None));
            }
            ([dir, index], true) if is_index(index) => {
                let bundle = projects.join(dir);
                found.push((Kind::Project, dir.clone(), rel, Some(bundle)));
            }
            ([dir, gp_dir, file], true) if gp_dir == GOOD_PRACTICES_DIR => {
                let slug = file.trim_end_matches(".md").to_string();
                let kind = Kind::GoodPractice {
                    project: dir.clone(),
                };
                found.push((kind, slug, rel, Some(projects.join(dir))));
            }
            ([dir, gp_dir, gp, index], true) if gp_dir == GOOD_PRACTICES_DIR && is_index(index) => {
                let kind = Kind::GoodPractice {
                    project: dir.clone(),
                };
                found.push((kind, gp.clone(), rel, Some(projects.join(dir))));
            }
            ([dir, news_dir, file], true) if news_dir == NEWS_DIR => {
                let slug = file.trim_end_matches(".md").to_string();
                let kind = Kind::News {
                    project: Some(dir.clone()),
                };
                found.push((kind, slug, rel, Some(projects.join(dir))));
            }
            ([_, ..], false) if parts.len() > 1 => loaded.bundle_files.push(rel),
            _ => diagnostics.push(unused(
                &rel,
                "a project is content/projects/NAME.md or content/projects/NAME/index.md; \
                 good practices go in content/projects/NAME/good-practices/, \
                 the project's news in content/projects/NAME/news/",
            )),
        }
    }
    let news = Path::new(CONTENT_DIR).join(NEWS_DIR);
    for rel in files_under(root, &news) {
        let in_folder = rel.parent() == Some(news.as_path());
        match (in_folder, rel.extension().is_some_and(|e| e == "md")) {
            (true, true) => {
                let file = rel.file_name().expect("a file").to_string_lossy();
                let slug = file.trim_end_matches(".md").to_string();
                found.push((Kind::News { project: None }, slug, rel, None));
            }
            _ => diagnostics.push(unused(
                &rel,
                "a news item is content/news/NAME.md; put its images in static/ \
                 or in the bundle of the project it is about",
            )),
        }
    }
    loaded.static_files = files_under(root, Path::new(STATIC_DIR));

    let results: Vec<Result<Page, Diagnostic>> = found
        .into_par_iter()
        .map(|(kind, slug, rel, bundle)| {
            let (slug, lang) = language_of(&slug, &rel, languages)?;
            let mut page = read_page(root, kind, slug, rel, bundle)?;
            page.lang = lang;
            Ok(page)
        })
        .collect();
    for result in results {
        match result {
            Ok(page) => loaded.pages.push(page),
            Err(d) => diagnostics.push(d),
        }
    }
    loaded.problems = diagnostics;
    loaded
}

/// `last` after the files `changed` (relative to `root`) were saved, reading
/// only those again. None if any of them is not one of its pages (added,
/// deleted, or not a page): then everything must be found anew.
pub fn again(root: &Path, mut last: Loaded, changed: &[PathBuf]) -> Option<Loaded> {
    for path in changed {
        let page =
            (last.pages.iter_mut()).find(|p| p.source.path.as_os_str() == path.as_os_str())?;
        *page = reread(root, page).ok()?;
    }
    Some(last)
}

/// A file under `content/` that is not a page hanke knows how to publish.
fn unused(rel: &Path, hint: &str) -> Diagnostic {
    Diagnostic::warning(
        "unused-file",
        "hanke does not know what this file is, so it is not published",
    )
    .in_file(rel)
    .hint(hint)
}

/// Reads `page`'s file again after an edit; the page keeps its place in the site.
pub fn reread(root: &Path, page: &Page) -> Result<Page, Diagnostic> {
    let mut new = read_page(
        root,
        page.kind.clone(),
        page.slug.clone(),
        page.source.path.clone(),
        page.bundle.clone(),
    )?;
    new.lang = page.lang.clone();
    Ok(new)
}

/// `index.md` or a translation of it, `index.sv.md`.
fn is_index(name: &str) -> bool {
    name == "index.md"
        || (name.starts_with("index.") && name.ends_with(".md") && name.matches('.').count() == 2)
}

/// Splits `sointu.sv` into the slug and the language of a translation. The slug
/// of a bundle's page comes from its folder; its file name carries the language.
fn language_of(
    name: &str,
    rel: &Path,
    languages: &[String],
) -> Result<(String, Option<String>), Diagnostic> {
    let file = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (slug, suffix) = match file.strip_prefix("index.") {
        Some(lang) => (name.to_string(), Some(lang.to_string())),
        None => match name.rsplit_once('.') {
            Some((slug, lang)) => (slug.to_string(), Some(lang.to_string())),
            None => (name.to_string(), None),
        },
    };
    match suffix {
        None => Ok((slug, None)),
        Some(lang) if languages.first() == Some(&lang) => Ok((slug, None)),
        Some(lang) if languages.contains(&lang) => Ok((slug, Some(lang))),
        Some(lang) => Err(Diagnostic::error(
            "unknown-language",
            format!("the file name says the language is `{lang}`, but the site has no such language"),
        )
        .in_file(rel)
        .hint(format!(
            "add `{lang}` to `languages:` in site.yaml, or rename the file (a translation is NAME.sv.md)"
        ))),
    }
}

/// Files under `root/dir`, relative to `root`, sorted, skipping hidden and
/// editor temporary files. Each folder directly under `dir` (a project's
/// bundle) is walked on its own thread: a big site has thousands.
fn files_under(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let entries: Vec<std::fs::DirEntry> = entries
        .filter_map(Result::ok)
        .filter(|e| !is_ignored(e.file_name().to_string_lossy().as_ref()))
        .collect();
    let mut files: Vec<PathBuf> = entries
        .par_iter()
        .flat_map_iter(|entry| {
            WalkDir::new(entry.path())
                .follow_root_links(false)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !is_ignored(e.file_name().to_string_lossy().as_ref())
                })
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        })
        .collect();
    files.sort();
    files
}

/// Hidden files and the temporary files editors leave beside the real one.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

fn read_page(
    root: &Path,
    kind: Kind,
    slug: String,
    rel: PathBuf,
    bundle: Option<PathBuf>,
) -> Result<Page, Diagnostic> {
    let bytes = std::fs::read(root.join(&rel)).map_err(|e| {
        Diagnostic::error("unreadable", format!("cannot read the file: {e}")).in_file(&rel)
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("not-utf8", "the file is not UTF-8 text")
            .in_file(&rel)
            .hint("save the file as UTF-8 (most editors offer it under Save as → Encoding)")
    })?;
    let source = Arc::new(SourceText {
        path: rel.clone(),
        text,
    });
    if !slug::is_valid(&slug) {
        let suggested = slug::slugify(&slug);
        return Err(Diagnostic::error(
            "invalid-slug",
            format!("the name `{slug}` cannot be used in a web address"),
        )
        .in_file(&rel)
        .hint(if suggested.is_empty() {
            "use lowercase letters a–z, digits and hyphens in file and folder names".to_string()
        } else {
            format!("rename it to `{suggested}` (lowercase a–z, digits and hyphens)")
        }));
    }
    let (front_matter, body_start) = split_front_matter(&source.text).ok_or_else(|| {
        Diagnostic::error(
            "no-front-matter",
            "the file does not start with front matter between `---` lines",
        )
        .in_source(&source)
        .at(crate::diagnostic::Pos::new(1, 1))
        .hint(
            "start the file with a line `---`, the facts as `key: value` lines, and another `---`",
        )
    })?;
    Ok(Page {
        kind,
        slug,
        lang: None,
        source,
        front_matter,
        body_start,
        bundle,
    })
}

/// Finds the YAML between an opening `---` line and a closing `---` (or `...`)
/// line. Returns the YAML's byte range and where the body starts.
fn split_front_matter(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let first_line_end = text[start..].find('\n')? + start;
    if text[start..first_line_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_line_end + 1;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((yaml_start..pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// The output URL path of a file inside a project bundle:
/// `content/projects/sointu/kuva.jpg` → `projects/sointu/kuva.jpg`.
pub fn bundle_output_path(rel: &Path) -> String {
    display_path(rel.strip_prefix(CONTENT_DIR).unwrap_or(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_found_between_fences() {
        let text = "---\nname: A\n---\nBody\n";
        let (fm, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[fm], "name: A\n");
        assert_eq!(&text[body..], "Body\n");
    }

    #[test]
    fn windows_line_endings_and_byte_order_mark() {
        let text = "\u{feff}---\r\nname: A\r\n---\r\nBody";
        let (fm, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[fm], "name: A\r\n");
        assert_eq!(&text[body..], "Body");
    }

    #[test]
    fn no_fences_no_front_matter() {
        assert_eq!(split_front_matter("name: A\n"), None);
        assert_eq!(split_front_matter("---\nname: A\n"), None);
    }

    #[test]
    fn editor_temporary_files_are_ignored() {
        assert!(is_ignored(".sointu.md.swp"));
        assert!(is_ignored("sointu.md~"));
        assert!(is_ignored("#sointu.md#"));
        assert!(!is_ignored("sointu.md"));
    }
}
