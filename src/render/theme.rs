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
const TEMPLATE_HINT: &str =
    "fix the template, or delete the site's copy in templates/ to use the theme's";
pub const SITE_I18N_DIR: &str = "i18n";

/// The default theme, built into the binary so a site needs no copy of it. A site
/// (or this repository) with its own `themes/default/` uses that folder instead.
static BUILT_IN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One file of the theme or of the site's overrides.
struct ThemeFile {
    /// Path inside the theme (`templates/base.html`) or the site (`templates/…`).
    inner: String,
    /// Path shown in messages, relative to the site root.
    shown: PathBuf,
    bytes: Vec<u8>,
}

pub type Strings = BTreeMap<String, serde_json::Value>;

pub struct Theme {
    pub tera: Tera,
    /// UI strings per language, the theme's merged with the site's own.
    pub strings: BTreeMap<String, Strings>,
    /// The theme's static files, copied to the output root: (output path, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Template name → (file shown in messages, text), for pointing errors at it.
    templates: BTreeMap<String, (PathBuf, String)>,
}

impl Theme {
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let theme_files = theme_files(root, &config.theme).map_err(|d| vec![d])?;
        let site_templates = disk_files(root, Path::new(SITE_TEMPLATES_DIR));
        let site_i18n = disk_files(root, Path::new(SITE_I18N_DIR));

        let mut diagnostics = Vec::new();
        let mut templates = BTreeMap::new();
        let theme_templates = theme_files
            .iter()
            .filter_map(|f| f.inner.strip_prefix("templates/").map(|name| (name, f)));
        let site_templates = site_templates.iter().map(|f| (f.inner.as_str(), f));
        for (name, file) in theme_templates.chain(site_templates) {
            match String::from_utf8(file.bytes.clone()) {
                Ok(text) => {
                    templates.insert(name.to_string(), (file.shown.clone(), text));
                }
                Err(_) => diagnostics.push(
                    Diagnostic::error("not-utf8", "the template is not UTF-8 text")
                        .in_file(&file.shown),
                ),
            }
        }
        let mut tera = Tera::new();
        register_filters(&mut tera);
        let raw: Vec<(String, String)> = templates
            .iter()
            .map(|(name, (_, text))| (name.clone(), text.clone()))
            .collect();
        let mut theme = Theme {
            tera: Tera::new(),
            strings: BTreeMap::new(),
            static_files: theme_files
                .iter()
                .filter_map(|f| {
                    Some((
                        f.inner.strip_prefix("static/")?.to_string(),
                        f.bytes.clone(),
                    ))
                })
                .collect(),
            templates,
        };
        if let Err(e) = tera.add_raw_templates(raw) {
            diagnostics.extend(theme.diagnose_all(&e));
        }
        theme.tera = tera;

        for lang in &config.languages {
            let wanted = format!("{lang}.yaml");
            let theme_strings = theme_files
                .iter()
                .filter(|f| f.inner.strip_prefix("i18n/") == Some(wanted.as_str()));
            let site_strings = site_i18n.iter().filter(|f| f.inner == wanted);
            let mut strings = Strings::new();
            for file in theme_strings.chain(site_strings) {
                match parse_strings(file) {
                    Ok(found) => strings.extend(found),
                    Err(d) => diagnostics.push(d),
                }
            }
            if strings.is_empty() {
                diagnostics.push(
                    Diagnostic::error(
                        "no-strings",
                        format!("there are no UI strings for the language `{lang}`"),
                    )
                    .in_file(Path::new(crate::config::FILE_NAME))
                    .hint(format!(
                        "add i18n/{wanted} with a translation of every UI string, or remove `{lang}` from the site's languages"
                    )),
                );
            }
            theme.strings.insert(lang.clone(), strings);
        }
        diagnostics.extend(missing_keys(&theme.strings, &config.language));
        if diagnostics.is_empty() {
            Ok(theme)
        } else {
            Err(diagnostics)
        }
    }

    /// Each language's UI strings as one template value, to share between pages.
    pub fn string_values(&self) -> std::collections::HashMap<&str, tera::Value> {
        self.strings
            .iter()
            .map(|(lang, strings)| (lang.as_str(), tera::Value::from_serializable(strings)))
            .collect()
    }

    /// A UI string as plain text (empty if the theme lacks it; `load` reports that).
    pub fn text(&self, lang: &str, key: &str) -> &str {
        self.strings[lang]
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// Tera reports unknown filters, tests and functions in all templates at
    /// once, as text: one diagnostic for each, in its template file.
    fn diagnose_all(&self, error: &tera::Error) -> Vec<Diagnostic> {
        let tera::ErrorKind::Msg(text) = error.kind() else {
            return vec![self.diagnose(error)];
        };
        let found: Vec<Diagnostic> = text
            .split("\n\n")
            .filter_map(|report| self.validation_report(report))
            .collect();
        if found.is_empty() {
            vec![self.diagnose(error)]
        } else {
            found
        }
    }

    /// `error: Unknown filter `x`` with ` --> NAME:LINE:COL` on the next line.
    fn validation_report(&self, report: &str) -> Option<Diagnostic> {
        let mut lines = report.lines();
        let message = lines.next()?.strip_prefix("error: ")?;
        let (name, at) = lines.next()?.trim().strip_prefix("--> ")?.split_once(':')?;
        let (line, col) = at.split_once(':')?;
        let (shown, text) = self.templates.get(name)?;
        let source = Arc::new(SourceText {
            path: shown.clone(),
            text: text.clone(),
        });
        Some(
            Diagnostic::error("template", message)
                .in_source(&source)
                .at(Pos::new(line.parse().ok()?, col.parse().ok()?))
                .hint(TEMPLATE_HINT),
        )
    }

    /// A Tera error as a diagnostic in the template file, with Tera's cause chain.
    pub fn diagnose(&self, error: &tera::Error) -> Diagnostic {
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
        let mut d = Diagnostic::error("template", messages.join(": ")).hint(TEMPLATE_HINT);
        if let Some((shown, text)) = report
            .as_ref()
            .and_then(|r| self.templates.get(r.filename()))
        {
            let span = report.as_ref().map(|r| r.span()).expect("checked above");
            let source = Arc::new(SourceText {
                path: shown.clone(),
                text: text.clone(),
            });
            d = d
                .in_source(&source)
                .at(Pos::new(span.start_line, span.start_col + 1));
        }
        d
    }
}

impl Theme {
    /// A template that leaves the EU emblem out of an EU-funded project's header.
    pub fn missing_emblem(&self, template: &str, project: &str) -> Diagnostic {
        let d = Diagnostic::error(
            "eu-emblem",
            format!(
                "the page of “{project}” does not show the EU emblem in its header, as the EU requires of EU-funded projects (Regulation (EU) 2021/1060, Annex IX)"
            ),
        )
        .hint("keep `{% include \"partials/funding-marks.html\" %}` inside the page's <header> in the template");
        match self.templates.get(template) {
            Some((shown, _)) => d.in_file(shown),
            None => d,
        }
    }
}

/// The theme's files: from `themes/NAME/` in the site, or the built-in default.
fn theme_files(root: &Path, name: &str) -> Result<Vec<ThemeFile>, Diagnostic> {
    let dir = Path::new(THEMES_DIR).join(name);
    if root.join(&dir).is_dir() {
        return Ok(disk_files(root, &dir));
    }
    if name == "default" {
        let mut files = Vec::new();
        collect_built_in(&BUILT_IN, &dir, &mut files);
        files.sort_by(|a, b| a.inner.cmp(&b.inner));
        return Ok(files);
    }
    Err(Diagnostic::error(
        "no-theme",
        format!("the theme `{name}` was not found in {THEMES_DIR}/"),
    )
    .in_file(Path::new(crate::config::FILE_NAME))
    .hint("set `theme: default` in site.yaml, or add the theme's folder"))
}

fn collect_built_in(dir: &include_dir::Dir<'static>, shown_root: &Path, out: &mut Vec<ThemeFile>) {
    for file in dir.files() {
        out.push(ThemeFile {
            inner: display_path(file.path()),
            shown: shown_root.join(file.path()),
            bytes: file.contents().to_vec(),
        });
    }
    for sub in dir.dirs() {
        collect_built_in(sub, shown_root, out);
    }
}

/// A UI string the default language has but another language lacks would show
/// as an empty label: an error naming the language and the key.
fn missing_keys(strings: &BTreeMap<String, Strings>, default: &str) -> Vec<Diagnostic> {
    let Some(reference) = strings.get(default) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (lang, other) in strings {
        if other.is_empty() {
            continue;
        }
        let missing: Vec<&str> = reference
            .keys()
            .filter(|k| !other.contains_key(*k))
            .map(String::as_str)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let shown: Vec<String> = missing.iter().take(5).map(|k| format!("`{k}`")).collect();
        let more = match missing.len() {
            n if n > 5 => format!(" and {} more", n - 5),
            _ => String::new(),
        };
        let (noun, verb) = if missing.len() == 1 {
            ("string", "has")
        } else {
            ("strings", "have")
        };
        found.push(
            Diagnostic::error(
                "missing-string",
                format!(
                    "the UI {noun} {}{more} {verb} no translation for `{lang}`",
                    shown.join(", ")
                ),
            )
            .in_file(&Path::new(SITE_I18N_DIR).join(format!("{lang}.yaml")))
            .hint(format!(
                "copy the theme's i18n/{default}.yaml to i18n/{lang}.yaml and translate every line"
            )),
        );
    }
    found
}

/// Files under `root/dir`, skipping hidden and editor temporary files.
fn disk_files(root: &Path, dir: &Path) -> Vec<ThemeFile> {
    let base = root.join(dir);
    let mut out: Vec<ThemeFile> = WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let inner = e.path().strip_prefix(&base).ok()?;
            Some(ThemeFile {
                inner: display_path(inner),
                shown: dir.join(inner),
                bytes: std::fs::read(e.path()).ok()?,
            })
        })
        .collect();
    out.sort_by(|a, b| a.inner.cmp(&b.inner));
    out
}

fn parse_strings(file: &ThemeFile) -> Result<BTreeMap<String, serde_json::Value>, Diagnostic> {
    let source = Arc::new(SourceText {
        path: file.shown.clone(),
        text: String::from_utf8_lossy(&file.bytes).into_owned(),
    });
    let doc = Document {
        yaml: &source.text,
        source: &source,
        line_offset: 0,
    };
    doc.parse()
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
        PartialDate::from_iso(iso)
            .map_or_else(|| iso.to_string(), |d| format::date(d, &lang(state)))
    });
    tera.register_filter("money", |euros: f64, _: Kwargs, state: &State| {
        format::money(euros, &lang(state))
    });
    tera.register_filter("tel", |phone: &str, _: Kwargs, _: &State| {
        crate::content::contact_info::parse_phone(phone)
            .map_or_else(|| phone.to_string(), |p| p.e164)
    });
    tera.register_filter("file_size", |bytes: u64, _: Kwargs, state: &State| {
        format::file_size(bytes, &lang(state))
    });
}
