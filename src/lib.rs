//! hanke: a static site generator for the communication pages of publicly
//! funded projects.
//!
//! The pipeline runs one way: [`content`] loads and validates the Markdown into a
//! typed [`content::model::Site`], [`render`] turns it into files in memory through
//! the theme, and [`write`] swaps them into the output folder. `build`, `check`
//! and `serve` all build through a [`session::Session`] ([`render_site`] is one
//! full build); only `build` and `serve` write.

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
pub mod search;
pub mod serve;
pub mod session;
pub mod write;
pub mod yaml;

use std::path::PathBuf;

use jiff::civil::Date;

use diagnostic::Diagnostic;
use render::Rendered;

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
    outcome(session::Session::once(options.clone()))
}

/// One full build for `check`: everything `render_site` checks, without the
/// search index, which only a published site needs.
pub fn check_site(options: &Options) -> Outcome {
    outcome(session::Session::check(options.clone()))
}

fn outcome(mut session: session::Session) -> Outcome {
    session.build();
    match session.into_last() {
        Ok(last) => {
            let ok = !last.diagnostics.iter().any(Diagnostic::is_error);
            Outcome {
                diagnostics: last.diagnostics,
                rendered: ok.then_some(last.rendered),
                web_links: last.site.later_links,
            }
        }
        Err(diagnostics) => Outcome {
            diagnostics,
            rendered: None,
            web_links: Vec::new(),
        },
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
