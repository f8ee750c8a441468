//! `site.yaml`: the site's settings, read raw and then resolved with the
//! command line's overrides (`--base-url`).

pub mod accessibility;

use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::content::urls;
use crate::diagnostic::{Diagnostic, Pos, SourceText};
use crate::domain::Domain;
use crate::yaml::{Document, Spanned};
use accessibility::{RawStatement, Statement};

pub const FILE_NAME: &str = "site.yaml";

/// `site.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<String>,
    base_url: Option<Spanned<String>>,
    #[serde(default = "default_language")]
    language: String,
    /// Every language the site publishes in; the default language comes first.
    #[serde(default)]
    languages: Vec<String>,
    accessibility: Option<Spanned<RawStatement>>,
    description: Option<String>,
    organisation: Option<Organisation>,
    #[serde(default = "default_theme")]
    theme: String,
    overview: Option<RawOverview>,
    /// Whether to build a search index (Pagefind) and the search page.
    #[serde(default = "default_search")]
    search: bool,
    /// How many of the newest news items each Atom feed carries.
    feed_limit: Option<Spanned<usize>>,
    /// How many items a listing shows on one page.
    page_size: Option<Spanned<usize>>,
}

/// Feed readers fetch a feed again every hour or so: the newest items are what
/// they need, and the news pages list the rest.
const DEFAULT_FEED_LIMIT: usize = 50;

/// A listing of thousands of cards is megabytes, too much for a phone: fifty
/// cards make a page of some 40 kB, and most sites have fewer projects.
const DEFAULT_PAGE_SIZE: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverview {
    group_by: Spanned<String>,
}

fn default_search() -> bool {
    true
}

fn default_language() -> String {
    "fi".into()
}

fn default_theme() -> String {
    "default".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    pub url: Option<String>,
}

/// The settings every later stage reads.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    /// Absolute URL of the site's root, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/preview/123/`): every internal link
    /// starts with it, so a preview deploy under a sub-path works.
    pub base_path: String,
    /// The default language.
    pub language: String,
    /// All languages, the default first.
    pub languages: Vec<String>,
    pub description: Option<String>,
    pub organisation: Option<Organisation>,
    pub theme: String,
    pub accessibility: Option<Statement>,
    pub overview: Overview,
    pub search: bool,
    /// How many of the newest news items each Atom feed carries (at least 1).
    pub feed_limit: usize,
    /// How many items (projects, good practices, news) a listing shows on
    /// one page; the rest are on its following pages (at least 1).
    pub page_size: usize,
}

impl Config {
    /// A root-relative URL (with the base path) as an absolute address:
    /// `/pr/projects/sointu/` with base `https://x.fi/pr/` → `https://x.fi/pr/projects/sointu/`.
    pub fn absolute(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.base_url,
            url.strip_prefix(self.base_path.as_str()).unwrap_or(url)
        )
    }
}

/// The overview page: every project with its key facts, grouped by one taxonomy.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// A key of [`urls::TAXONOMIES`].
    pub group_by: &'static str,
}

/// Reads and resolves `site.yaml`. `base_url_override` comes from `--base-url`.
/// Returns the settings with any warnings, or every error found.
pub fn load(
    root: &Path,
    base_url_override: Option<&str>,
    today: Date,
    domain: &Domain,
) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    let path = root.join(FILE_NAME);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        vec![
            Diagnostic::error("no-site", format!("cannot read {FILE_NAME}: {e}"))
                .in_file(Path::new(FILE_NAME))
                .hint("run hanke in the site's folder, give it with --root DIR, or start a new site with: hanke init"),
        ]
    })?;
    let source = Arc::new(SourceText {
        path: FILE_NAME.into(),
        text,
    });
    let doc = Document {
        yaml: &source.text,
        source: &source,
        line_offset: 0,
    };
    let raw: RawConfig = doc.parse().map_err(|d| vec![d])?;

    let (base_url, base_pos) = match (base_url_override, &raw.base_url) {
        (Some(url), _) => (url.to_string(), None),
        (None, Some(url)) => (url.value.clone(), Some(doc.pos(url))),
        (None, None) => ("/".to_string(), None),
    };
    let base_path = base_path_of(&base_url).ok_or_else(|| {
        let d = Diagnostic::error(
            "invalid-base-url",
            format!("`{base_url}` is not a usable base URL"),
        )
        .hint(
            "give a full address such as https://hankkeet.example.fi/ or a path such as /preview/",
        );
        vec![match base_pos {
            Some(pos) => d.in_source(&source).at(pos),
            None => d,
        }]
    })?;
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    let mut languages = vec![raw.language.clone()];
    for lang in raw.languages {
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    let mut diagnostics = Vec::new();
    let mut ctx = accessibility::Ctx {
        doc: &doc,
        languages: &languages,
        today,
        authorities: &domain.authorities,
        diagnostics: &mut diagnostics,
        block: raw.accessibility.as_ref().map_or(Pos::new(1, 1), |a| {
            let pos = doc.pos(a);
            Pos::new(pos.line.saturating_sub(1).max(1), 1)
        }),
    };
    accessibility::check_former_supervisor(&mut ctx);
    let statement = match &raw.accessibility {
        Some(block) => accessibility::validate(&block.value, &mut ctx),
        None => {
            diagnostics.push(
                Diagnostic::warning("no-statement", "the site has no accessibility statement")
                    .in_source(&source)
                    .at(Pos::new(1, 1))
                    .hint("add an `accessibility:` block to site.yaml (see the README); public-sector sites must publish one by law (306/2019)"),
            );
            None
        }
    };
    let group_by = match &raw.overview {
        None => urls::TAXONOMIES[0],
        Some(o) => match urls::TAXONOMIES
            .iter()
            .find(|k| **k == o.group_by.value.trim())
        {
            Some(key) => key,
            None => {
                let value = o.group_by.value.trim();
                let allowed = urls::TAXONOMIES.join(", ");
                let hint = match crate::yaml::suggest(value, &urls::TAXONOMIES) {
                    Some(close) => {
                        format!("did you mean `{close}`? The overview can be grouped by {allowed}")
                    }
                    None => format!("the overview can be grouped by {allowed}"),
                };
                diagnostics.push(
                    Diagnostic::error(
                        "invalid-setting",
                        format!("`{value}` is not a taxonomy to group the overview by"),
                    )
                    .hint(hint)
                    .in_source(&source)
                    .at(doc.pos(&o.group_by)),
                );
                urls::TAXONOMIES[0]
            }
        },
    };
    let mut at_least_one =
        |setting: &Option<Spanned<usize>>, key: &str, default, what: &str| match setting {
            None => default,
            Some(value) if value.value == 0 => {
                diagnostics.push(
                    Diagnostic::error("invalid-setting", format!("`{key}` must be at least 1"))
                        .hint(format!("it is {what}; leave it out for {default}"))
                        .in_source(&source)
                        .at(doc.pos(value)),
                );
                default
            }
            Some(value) => value.value,
        };
    let feed_limit = at_least_one(
        &raw.feed_limit,
        "feed_limit",
        DEFAULT_FEED_LIMIT,
        "how many of the newest news items each feed carries",
    );
    let page_size = at_least_one(
        &raw.page_size,
        "page_size",
        DEFAULT_PAGE_SIZE,
        "how many projects, good practices or news items a listing shows on one page",
    );
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let config = Config {
        title: raw.title.value,
        base_url,
        base_path,
        language: raw.language,
        languages,
        description: raw.description,
        organisation: raw.organisation,
        theme: raw.theme,
        accessibility: statement,
        overview: Overview { group_by },
        search: raw.search,
        feed_limit,
        page_size,
    };
    Ok((config, diagnostics))
}

/// `https://example.fi/hankkeet` → `/hankkeet/`; `/` → `/`.
fn base_path_of(url: &str) -> Option<String> {
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let host_end = rest.find('/').unwrap_or(rest.len());
        if host_end == 0 {
            return None;
        }
        &rest[host_end..]
    } else if url.starts_with('/') {
        url
    } else {
        return None;
    };
    if path.contains(['?', '#', ' ', '"', '<', '>']) {
        return None;
    }
    let trimmed = path.trim_matches('/');
    Some(if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_for_root_and_preview_deploys() {
        assert_eq!(base_path_of("https://example.fi").as_deref(), Some("/"));
        assert_eq!(base_path_of("https://example.fi/").as_deref(), Some("/"));
        assert_eq!(
            base_path_of("https://user.github.io/hanke/pr-4").as_deref(),
            Some("/hanke/pr-4/")
        );
        assert_eq!(base_path_of("/preview/").as_deref(), Some("/preview/"));
        assert_eq!(base_path_of("example.fi"), None);
    }
}
