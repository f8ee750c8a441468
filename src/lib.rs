//! hanke: a static site generator for the communication pages of publicly
//! funded projects.
//!
//! The pipeline runs one way: [`content`] loads and validates the Markdown into a
//! typed [`content::model::Site`], [`render`] turns it into files in memory through
//! the theme, and [`write`] swaps them into the output folder. `build`, `check`
//! and `serve` all call [`render_site`]; only `build` and `serve` write.

pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod domain;
pub mod funders;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub mod write;
pub mod yaml;

use std::path::PathBuf;

use jiff::civil::Date;

use diagnostic::Diagnostic;
use render::Rendered;
use render::theme::Theme;

/// What a build needs to know besides the files.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder (with site.yaml).
    pub root: PathBuf,
    /// Overrides `base_url` in site.yaml, e.g. for preview deploys.
    pub base_url: Option<String>,
    /// The day project statuses are computed for.
    pub today: Date,
}

/// The result of rendering: every diagnostic, and the files when there were no errors.
#[derive(Debug)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub rendered: Option<Rendered>,
    /// Web addresses the content links to, for `check --external`.
    pub web_links: Vec<content::markdown::LinkAt>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads, validates and renders the site in memory. Writes nothing.
pub fn render_site(options: &Options) -> Outcome {
    let root = &options.root;
    let domain = match domain::load(root) {
        Ok(d) => d,
        Err(diagnostics) => return finish(diagnostics, None),
    };
    let (config, mut diagnostics) =
        match config::load(root, options.base_url.as_deref(), options.today, &domain) {
            Ok(c) => c,
            Err(diagnostics) => return finish(diagnostics, None),
        };
    let theme = Theme::load(root, &config);
    let (site, found) = content::read(root, config, &domain, options.today);
    diagnostics.extend(found);
    let mut theme = match theme {
        Ok(t) => t,
        Err(found) => {
            diagnostics.extend(found);
            return finish(diagnostics, None);
        }
    };
    // Render even when some pages have errors: the pages that are fine still get
    // their links to headings checked, so one run reports every problem.
    let content_ok = !diagnostics.iter().any(Diagnostic::is_error);
    match render::render(&site, &mut theme) {
        Ok(rendered) => {
            diagnostics.extend(check::anchors(
                &site.later_links,
                &rendered,
                &site.config.base_path,
            ));
            let ok = content_ok && !diagnostics.iter().any(Diagnostic::is_error);
            let mut outcome = finish(diagnostics, ok.then_some(rendered));
            outcome.web_links = site.later_links;
            outcome
        }
        Err(found) => {
            diagnostics.extend(found);
            finish(diagnostics, None)
        }
    }
}

fn finish(mut diagnostics: Vec<Diagnostic>, rendered: Option<Rendered>) -> Outcome {
    diagnostic::sort(&mut diagnostics);
    Outcome {
        diagnostics,
        rendered,
        web_links: Vec::new(),
    }
}

/// The build date: `--today`, else `SOURCE_DATE_EPOCH` (for reproducible
/// builds), else the system clock.
pub fn today(flag: Option<Date>, source_date_epoch: Option<&str>) -> Result<Date, String> {
    if let Some(date) = flag {
        return Ok(date);
    }
    if let Some(epoch) = source_date_epoch {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"))?;
        let ts = jiff::Timestamp::from_second(seconds)
            .map_err(|e| format!("SOURCE_DATE_EPOCH=`{epoch}` is out of range: {e}"))?;
        return Ok(ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).date());
    }
    Ok(jiff::ZonedDateTime::now().date())
}
