//! Resolving link and image targets as staff write them: web addresses pass
//! through; `/projects/sointu/` and relative paths to Markdown files or to files in
//! a bundle or `static/` are checked and rewritten to the URL the site serves.

use foldhash::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::markdown::{LinkError, Resolve};

/// Everything a link may point to inside the site.
#[derive(Debug, Default, PartialEq)]
pub struct Links {
    pub base_path: String,
    /// Page paths relative to the base path (`projects/sointu/`).
    pub pages: HashSet<String>,
    /// Markdown files (relative to the site root) → their page path.
    pub markdown: HashMap<PathBuf, String>,
    /// Copied files (relative to the site root) → their output path.
    pub files: HashMap<PathBuf, String>,
    /// Output paths of copied files, for links written from the site root.
    pub file_outputs: HashSet<String>,
}

/// Schemes that run code or read local files: never allowed in content.
const UNSAFE_SCHEMES: [&str; 4] = ["javascript", "vbscript", "data", "file"];

impl Links {
    /// A resolver for links written in the file `from` (relative to the site root).
    pub fn from_file<'a>(&'a self, from: &Path) -> FileLinks<'a> {
        FileLinks {
            links: self,
            dir: from.parent().map(Path::to_path_buf).unwrap_or_default(),
        }
    }

    /// The source file behind an output path, if the path names a copied file.
    pub fn local_file(&self, url: &str) -> Option<&Path> {
        let path = url.strip_prefix(&self.base_path)?;
        self.files
            .iter()
            .find(|(_, out)| out.as_str() == path)
            .map(|(src, _)| src.as_path())
    }
}

pub struct FileLinks<'a> {
    links: &'a Links,
    dir: PathBuf,
}

impl Resolve for FileLinks<'_> {
    fn resolve(&self, target: &str) -> Result<String, LinkError> {
        let target = target.trim();
        if target.is_empty() {
            return Err(error(
                "empty-link",
                "the link has no address".into(),
                "write the address in the parentheses: [text](https://…)",
            ));
        }
        if let Some(scheme) = scheme_of(target) {
            if UNSAFE_SCHEMES.contains(&scheme.as_str()) {
                return Err(error(
                    "unsafe-link",
                    format!("`{scheme}:` links are not allowed"),
                    "link to a web page (https://…), an email address (mailto:…) or a file in the site",
                ));
            }
            return Ok(target.to_string());
        }
        if target.starts_with('#') || target.starts_with("//") {
            return Ok(target.to_string());
        }
        let (path, suffix) = split_suffix(target);
        let links = self.links;
        if let Some(abs) = path.strip_prefix('/') {
            if links.pages.contains(abs)
                || links.pages.contains(&format!("{abs}/"))
                || links.file_outputs.contains(abs)
            {
                let abs = if links.pages.contains(&format!("{abs}/")) {
                    format!("{abs}/")
                } else {
                    abs.to_string()
                };
                return Ok(format!("{}{abs}{suffix}", links.base_path));
            }
            return Err(error(
                "broken-link",
                format!("the link `{target}` leads to no page or file of this site"),
                "check the address; a project's address is /projects/NAME/",
            ));
        }
        let Some(joined) = normalize(&self.dir.join(path)) else {
            return Err(error(
                "broken-link",
                format!("the link `{target}` points outside the site"),
                "link only to files inside the site's folder",
            ));
        };
        if let Some(page) = links.markdown.get(&joined) {
            return Ok(format!("{}{page}{suffix}", links.base_path));
        }
        if let Some(out) = links.files.get(&joined) {
            return Ok(format!("{}{out}{suffix}", links.base_path));
        }
        let what = if path.ends_with(".md") {
            "project or page"
        } else {
            "file"
        };
        Err(error(
            "broken-link",
            format!(
                "the link `{target}` leads to no {what}: {} does not exist",
                joined.display()
            ),
            "check the spelling; paths are relative to this file's folder",
        ))
    }
}

fn error(code: &'static str, message: String, hint: &str) -> LinkError {
    LinkError {
        code,
        message,
        hint: hint.to_string(),
    }
}

/// The lowercased scheme of an absolute URL (`https`, `mailto`), if any.
fn scheme_of(target: &str) -> Option<String> {
    let colon = target.find(':')?;
    let scheme = &target[..colon];
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Splits `a.md#osio` into `a.md` and `#osio`.
fn split_suffix(target: &str) -> (&str, &str) {
    match target.find(['#', '?']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

/// Resolves `.` and `..` without touching the disk; None if it climbs above the root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        let mut l = Links {
            base_path: "/pr/".into(),
            ..Links::default()
        };
        l.pages.insert("projects/sointu/".into());
        l.markdown.insert(
            "content/projects/sointu/index.md".into(),
            "projects/sointu/".into(),
        );
        l.files.insert(
            "content/projects/sointu/raportti.pdf".into(),
            "projects/sointu/raportti.pdf".into(),
        );
        l
    }

    fn resolve(from: &str, target: &str) -> Result<String, String> {
        let l = links();
        l.from_file(Path::new(from))
            .resolve(target)
            .map_err(|e| e.code.to_string())
    }

    #[test]
    fn relative_markdown_and_files_become_site_urls() {
        let from = "content/projects/jakala.md";
        assert_eq!(
            resolve(from, "sointu/index.md#tavoitteet").unwrap(),
            "/pr/projects/sointu/#tavoitteet"
        );
        assert_eq!(
            resolve(from, "sointu/raportti.pdf").unwrap(),
            "/pr/projects/sointu/raportti.pdf"
        );
        assert_eq!(
            resolve(from, "/projects/sointu").unwrap(),
            "/pr/projects/sointu/"
        );
        assert_eq!(resolve(from, "https://xamk.fi").unwrap(), "https://xamk.fi");
    }

    #[test]
    fn missing_targets_unsafe_schemes_and_escapes_are_errors() {
        let from = "content/projects/jakala.md";
        assert_eq!(resolve(from, "puuttuu.md").unwrap_err(), "broken-link");
        assert_eq!(
            resolve(from, "/projects/puuttuu/").unwrap_err(),
            "broken-link"
        );
        assert_eq!(
            resolve(from, "JavaScript:alert(1)").unwrap_err(),
            "unsafe-link"
        );
        assert_eq!(
            resolve(from, "../../../../etc/passwd").unwrap_err(),
            "broken-link"
        );
    }
}
