//! The theme: Tera templates, UI strings and static files, from
//! `themes/<name>/`, with the site's own `templates/` and `i18n/` taking precedence
//! file by file. Templates are all parsed up front so template errors surface
//! before any page renders. Tera is configured here and nowhere else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Kwargs, State, Tera};
use walkdir::WalkDir;

use super::format;
use crate::config::Config;
use crate::content::dates::PartialDate;
use crate::content::load::is_ignored;
use crate::diagnostic::{Diagnostic, Pos, SourceText, display_path};
use crate::yaml::Document;

pub const THEMES_DIR: &str = "themes";
pub const SITE_TEMPLATES_DIR: &str = "templates";
pub const SITE_I18N_DIR: &str = "i18n";

pub struct Theme {
    pub tera: Tera,
    /// UI strings of the site's language, theme's merged with the site's own.
    pub strings: BTreeMap<String, serde_json::Value>,
    /// The theme's static files: (path relative to the site root, output path).
    pub static_files: Vec<(PathBuf, String)>,
    /// Template name → file, for pointing errors at the right file.
    template_files: BTreeMap<String, PathBuf>,
}

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = Path::new(THEMES_DIR).join(&config.theme);
        if !root.join(&theme_dir).is_dir() {
            return Err(vec![
                Diagnostic::error(
                    "no-theme",
                    format!("the theme `{}` was not found in {}/", config.theme, THEMES_DIR),
                )
                .in_file(Path::new(crate::config::FILE_NAME))
                .hint("set `theme: default` in site.yaml, or add the theme's folder"),
            ]);
        }
        let mut template_files = BTreeMap::new();
        for dir in [theme_dir.join("templates"), PathBuf::from(SITE_TEMPLATES_DIR)] {
            for (rel, name) in files(root, &dir) {
                if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt") {
                    template_files.insert(name, rel);
                }
            }
        }
        let mut diagnostics = Vec::new();
        let mut raw = Vec::new();
        for (name, rel) in &template_files {
            match std::fs::read_to_string(root.join(rel)) {
                Ok(text) => raw.push((name.clone(), text)),
                Err(e) => diagnostics.push(
                    Diagnostic::error("unreadable", format!("cannot read the template: {e}")).in_file(rel),
                ),
            }
        }
        let mut tera = Tera::new();
        register_filters(&mut tera);
        let mut theme = Theme {
            tera: Tera::new(),
            strings: BTreeMap::new(),
            static_files: files(root, &theme_dir.join("static")),
            template_files,
        };
        if let Err(e) = tera.add_raw_templates(raw) {
            diagnostics.push(theme.diagnose(root, &e));
        }
        theme.tera = tera;
        for dir in [theme_dir.join("i18n"), PathBuf::from(SITE_I18N_DIR)] {
            let rel = dir.join(format!("{}.yaml", config.language));
            match load_strings(root, &rel) {
                Ok(Some(strings)) => theme.strings.extend(strings),
                Ok(None) => {}
                Err(d) => diagnostics.push(d),
            }
        }
        if theme.strings.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "no-strings",
                    format!("the theme has no UI strings for the language `{}`", config.language),
                )
                .in_file(&theme_dir.join("i18n"))
                .hint(format!("add {}.yaml with the theme's strings, or set `language:` in site.yaml", config.language)),
            );
        }
        if diagnostics.is_empty() {
            Ok(theme)
        } else {
            Err(diagnostics)
        }
    }

    /// A Tera error as a diagnostic in the template file, with Tera's cause chain.
    pub fn diagnose(&self, root: &Path, error: &tera::Error) -> Diagnostic {
        let mut messages = Vec::new();
        let mut report = None;
        let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(e) = current {
            match e.downcast_ref::<tera::Error>().map(tera::Error::kind) {
                Some(tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r)) => {
                    messages.push(r.message().to_string());
                    report = Some(r.clone());
                }
                _ => messages.push(e.to_string()),
            }
            current = e.source();
        }
        messages.dedup();
        let mut d = Diagnostic::error("template", messages.join(": "))
            .hint("fix the template, or delete the site's copy in templates/ to use the theme's");
        if let Some(r) = report {
            if let Some(rel) = self.template_files.get(r.filename()) {
                let span = r.span();
                let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
                let source = Arc::new(SourceText {
                    path: rel.clone(),
                    text,
                });
                d = d
                    .in_source(&source)
                    .at(Pos::new(span.start_line, span.start_col + 1));
            }
        }
        d
    }
}

/// Files under `root/dir` as (path relative to root, path relative to dir).
fn files(root: &Path, dir: &Path) -> Vec<(PathBuf, String)> {
    let base = root.join(dir);
    let mut out: Vec<_> = WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let inner = e.path().strip_prefix(&base).ok()?;
            Some((dir.join(inner), display_path(inner)))
        })
        .collect();
    out.sort();
    out
}

fn load_strings(
    root: &Path,
    rel: &Path,
) -> Result<Option<BTreeMap<String, serde_json::Value>>, Diagnostic> {
    let Ok(text) = std::fs::read_to_string(root.join(rel)) else {
        return Ok(None);
    };
    let source = Arc::new(SourceText {
        path: rel.to_path_buf(),
        text,
    });
    let doc = Document {
        yaml: &source.text,
        source: &source,
        line_offset: 0,
    };
    doc.parse().map(Some)
}

/// The page's language, which every page context sets as `lang`.
fn lang(state: &State) -> String {
    state
        .get::<String>("lang")
        .ok()
        .flatten()
        .unwrap_or_else(|| "fi".into())
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("date", |iso: &str, _: Kwargs, state: &State| {
        PartialDate::from_iso(iso).map_or_else(|| iso.to_string(), |d| format::date(d, &lang(state)))
    });
    tera.register_filter("money", |euros: f64, _: Kwargs, state: &State| {
        format::money(euros, &lang(state))
    });
    tera.register_filter("file_size", |bytes: u64, _: Kwargs, state: &State| {
        format::file_size(bytes, &lang(state))
    });
}
