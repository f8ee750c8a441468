//! hanke: a static site generator for the communication pages of publicly
//! funded projects.
//!
//! The pipeline runs one way: [`content`] loads and validates the Markdown into a
//! typed [`content::model::Site`], [`render`] turns it into files in memory through
//! the theme, and [`write`] swaps them into the output folder. `build`, `check`
//! and `serve` all build through [`session::full`] (`serve` keeps a
//! [`session::Session`] between edits); only `build` and `serve` write.

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
    pub web_links: Vec<std::sync::Arc<[content::markdown::LinkAt]>>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads, validates and renders the site in memory. Writes nothing.
pub fn render_site(options: &Options) -> Outcome {
    outcome(session::full(options, session::Plan::RENDER))
}

/// One full build for `check`: everything `render_site` checks, without the
/// search index, which only a published site needs.
pub fn check_site(options: &Options) -> Outcome {
    outcome(session::full(options, session::Plan::CHECK))
}

/// Builds the site into `staging`, each file written as soon as it is
/// rendered; the outcome keeps only the files the checks read. The caller
/// finishes the staging folder if the outcome has no errors.
pub fn build_site(options: &Options, staging: &write::Staging) -> Outcome {
    let plan = session::Plan {
        staging: Some(staging),
        ..session::Plan::RENDER
    };
    outcome(session::full(options, plan))
}

fn outcome(build: Result<session::Last, Vec<Diagnostic>>) -> Outcome {
    match build {
        Ok(last) => {
            let session::Last {
                mut site,
                diagnostics,
                rendered,
                ..
            } = last;
            let ok = !diagnostics.iter().any(Diagnostic::is_error);
            let web_links = std::mem::take(&mut site.later_links);
            drop_later(site);
            Outcome {
                diagnostics,
                rendered: ok.then_some(rendered),
                web_links,
            }
        }
        Err(diagnostics) => Outcome {
            diagnostics,
            rendered: None,
            web_links: Vec::new(),
        },
    }
}

/// Frees `value` on another thread, at the lowest priority: the model of a
/// site of thousands of projects takes a noticeable while to free, and nothing
/// needs to wait for it, least of all the rest of a rebuild in `serve`.
pub fn drop_later<T: Send + 'static>(value: T) {
    std::thread::spawn(move || {
        let _ = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
        drop(value)
    });
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
