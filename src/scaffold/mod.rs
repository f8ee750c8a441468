//! `hanke init` and `hanke new`: start a site, a project, a good practice or a
//! news item from a file with every field explained in Finnish and English. The
//! templates are files beside this one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::content::load::{CONTENT_DIR, GOOD_PRACTICES_DIR, NEWS_DIR, PROJECTS_DIR};
use crate::content::slug;

const SITE: &str = include_str!("site.yaml");
const PROJECT: &str = include_str!("project.md");
const GOOD_PRACTICE: &str = include_str!("good-practice.md");
const NEWS: &str = include_str!("news.md");
const WORKFLOW: &str = include_str!("workflow.yml");

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} already exists; hanke does not overwrite files")]
    Exists(PathBuf),
    #[error("`{0}` cannot be used in a web address; try `{1}`")]
    BadSlug(String, String),
    #[error(
        "there is no project `{0}` in content/projects/; create it first with: hanke new project {0}"
    )]
    NoProject(String),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Creates a site in `dir`: site.yaml, an example project and a CI workflow.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    let site = dir.join(crate::config::FILE_NAME);
    if site.exists() {
        return Err(ScaffoldError::Exists(site));
    }
    let title = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Hankkeet".into());
    let files = [
        (
            site,
            SITE.replace("@TITLE@", &title)
                .replace("@TODAY@", &finnish(today)),
        ),
        (
            dir.join(CONTENT_DIR)
                .join(PROJECTS_DIR)
                .join("esimerkkihanke.md"),
            project("Esimerkkihanke", today),
        ),
        (
            dir.join(".github/workflows/hanke.yml"),
            WORKFLOW.to_string(),
        ),
        (dir.join(".gitignore"), "/public\n".to_string()),
    ];
    write_all(&files)
}

/// Creates `content/projects/SLUG.md`.
pub fn new_project(root: &Path, name: &str, today: Date) -> Result<PathBuf, ScaffoldError> {
    check_slug(name)?;
    let projects = root.join(CONTENT_DIR).join(PROJECTS_DIR);
    let bundle = projects.join(name).join("index.md");
    if bundle.exists() {
        return Err(ScaffoldError::Exists(bundle));
    }
    let path = projects.join(format!("{name}.md"));
    write_all(&[(path.clone(), project(&title_of(name), today))])?;
    Ok(path)
}

/// Creates `content/projects/PROJECT/good-practices/SLUG.md`, turning a
/// single-file project into a bundle (`PROJECT/index.md`) first if needed.
pub fn new_good_practice(
    root: &Path,
    project: &str,
    name: &str,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    check_slug(name)?;
    let (bundle, mut changed) = bundle_of(root, project)?;
    let path = bundle.join(GOOD_PRACTICES_DIR).join(format!("{name}.md"));
    let text = GOOD_PRACTICE.replace("@NAME@", &title_of(name));
    changed.extend(write_all(&[(path, text)])?);
    Ok(changed)
}

/// Creates `content/news/SLUG.md`, or with `project` the project's own
/// `content/projects/PROJECT/news/SLUG.md` (a bundle, as for good practices).
pub fn new_news(
    root: &Path,
    project: Option<&str>,
    name: &str,
    today: Date,
) -> Result<Vec<PathBuf>, ScaffoldError> {
    check_slug(name)?;
    let (folder, mut changed) = match project {
        Some(project) => {
            let (bundle, changed) = bundle_of(root, project)?;
            (bundle.join(NEWS_DIR), changed)
        }
        None => (root.join(CONTENT_DIR).join(NEWS_DIR), Vec::new()),
    };
    let text = NEWS
        .replace("@TITLE@", &title_of(name))
        .replace("@TODAY@", &finnish(today));
    changed.extend(write_all(&[(folder.join(format!("{name}.md")), text)])?);
    Ok(changed)
}

/// The bundle folder of `project`, made from its single file if it has none
/// yet; with the files that moved.
fn bundle_of(root: &Path, project: &str) -> Result<(PathBuf, Vec<PathBuf>), ScaffoldError> {
    let projects = root.join(CONTENT_DIR).join(PROJECTS_DIR);
    let single = projects.join(format!("{project}.md"));
    let bundle = projects.join(project);
    let mut changed = Vec::new();
    if !bundle.join("index.md").exists() {
        if !single.exists() {
            return Err(ScaffoldError::NoProject(project.to_string()));
        }
        fs::create_dir_all(&bundle).map_err(io_error(&bundle))?;
        let index = bundle.join("index.md");
        fs::rename(&single, &index).map_err(io_error(&single))?;
        changed.push(index);
    }
    Ok((bundle, changed))
}

fn project(name: &str, today: Date) -> String {
    let end = today
        .saturating_add(jiff::Span::new().years(2))
        .yesterday()
        .unwrap_or(today);
    PROJECT
        .replace("@NAME@", name)
        .replace("@SHORT@", name)
        .replace("@START@", &finnish(today))
        .replace("@END@", &finnish(end))
}

fn finnish(d: Date) -> String {
    format!("{}.{}.{}", d.day(), d.month(), d.year())
}

/// `nuorten-tuki` → `Nuorten tuki`, a starting point for the real name.
fn title_of(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn check_slug(name: &str) -> Result<(), ScaffoldError> {
    if slug::is_valid(name) {
        Ok(())
    } else {
        Err(ScaffoldError::BadSlug(
            name.to_string(),
            slug::slugify(name),
        ))
    }
}

/// Writes every file, refusing to overwrite any, creating folders as needed.
fn write_all(files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, ScaffoldError> {
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(ScaffoldError::Exists(path.clone()));
    }
    for (path, text) in files {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        fs::write(path, text).map_err(io_error(path))?;
    }
    Ok(files.iter().map(|(p, _)| p.clone()).collect())
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> ScaffoldError + '_ {
    move |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    }
}
