//! The validated site model: plain data that templates read. Every value here
//! has been checked; URLs already carry the site's base path.

use std::path::PathBuf;
use std::sync::Arc;

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::contact_info::Phone;
use super::dates::{DateRange, PartialDate};
use super::raw::LinkKind;
use crate::config::Config;
use crate::funders::Texts;

/// Pages' models are shared (`Arc`) with the checks `serve` keeps, so that
/// after an edit the pages it did not touch are the same models, found
/// unchanged by a pointer's comparison, and the last build is freed by
/// counting references.
#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: Config,
    /// Home-page order: ongoing, then upcoming, then ended; newest first within each.
    pub projects: Vec<Arc<Project>>,
    /// Versions of projects in the site's other languages, in the same order.
    pub translations: Vec<Arc<Project>>,
    /// Sorted by name.
    pub good_practices: Vec<Arc<GoodPractice>>,
    /// News items and press releases in every language, newest first.
    pub news: Vec<Arc<News>>,
    /// Everyone on a contact card, once each, sorted by name.
    pub people: Arc<[super::people::Person]>,
    /// The date the build considers "today" (for project status).
    #[serde(skip)]
    pub today: Date,
    /// Files copied as they are: bundle assets and the site's `static/` folder.
    #[serde(skip)]
    pub assets: Vec<Asset>,
    /// Links checked once the pages are rendered (to headings) or on
    /// request (web addresses), each page's together: shared with the checks
    /// `serve` keeps, so an edit copies none of them.
    #[serde(skip)]
    pub later_links: Vec<Arc<[super::markdown::LinkAt]>>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    pub source: PathBuf,
    /// Output path relative to the output folder, `/`-separated.
    pub output: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ongoing,
    Upcoming,
    Ended,
}

impl Status {
    /// In the order listings group projects: ongoing first.
    pub const ALL: [Status; 3] = [Status::Ongoing, Status::Upcoming, Status::Ended];

    /// As templates, open data and the status pages' addresses name it.
    pub fn code(self) -> &'static str {
        match self {
            Status::Ongoing => "ongoing",
            Status::Upcoming => "upcoming",
            Status::Ended => "ended",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    pub slug: String,
    /// The language this version is written in.
    pub lang: String,
    /// Every language version of the project, this one included.
    pub versions: Vec<Alternate>,
    /// For each section a translation may take from the default language's
    /// version (`facts`, `funding`, `contacts`, `links`, `publications`, `image`),
    /// whether it did, so templates can mark its language.
    pub borrowed: BTreeMap<&'static str, bool>,
    /// Root-relative URL with the base path: `/projects/sointu/`.
    pub url: String,
    /// The Markdown file, relative to the site root.
    pub source: String,
    pub name: String,
    pub short_name: Option<String>,
    pub code: Option<String>,
    pub administrator: Option<String>,
    pub implementers: Vec<String>,
    pub partners: Vec<String>,
    pub duration: Duration,
    pub status: Status,
    pub region: Option<String>,
    pub municipalities: Vec<String>,
    pub target_groups: Vec<String>,
    pub goals: Goals,
    pub work_packages: Vec<WorkPackage>,
    /// HTML.
    pub results: Option<String>,
    pub funding: Option<Funding>,
    pub contacts: Vec<Contact>,
    pub social: Vec<SocialLink>,
    pub links: Vec<Link>,
    pub publications: Vec<Publication>,
    pub image: Option<Image>,
    pub summary: Option<String>,
    pub summary_en: Option<String>,
    pub topics: Vec<String>,
    /// The Markdown body as HTML, shared with the checks `serve` keeps.
    pub body: Arc<String>,
    /// Good practices this project produced, by name.
    pub good_practices: Vec<GoodPracticeRef>,
    /// The project's news in this version's language, newest first.
    pub news: Vec<NewsRef>,
}

/// A language version of a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternate {
    pub lang: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duration {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub extension: Option<DateRange>,
}

impl Duration {
    /// The last day of the project, counting an extension.
    pub fn effective_end(&self) -> Option<PartialDate> {
        self.extension
            .and_then(|e| e.end.or(Some(e.start)))
            .or(self.end)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Goals {
    pub main: Option<String>,
    pub sub_goals: Vec<String>,
}

impl Goals {
    pub fn is_empty(&self) -> bool {
        self.main.is_none() && self.sub_goals.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkPackage {
    pub title: String,
    /// HTML.
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funding {
    pub programme: Option<String>,
    pub priority: Option<String>,
    pub specific_objective: Option<String>,
    pub funders: Vec<Funder>,
    pub budget: Option<Budget>,
    /// The EU marking, when the EU or one of its funds is a funder.
    pub eu: Option<EuMark>,
    /// Height in CSS pixels of the EU emblem and the logos beside it: the emblem is
    /// never smaller than another funder's logo.
    pub marks_height: u32,
    /// The emblem's width: 1.5 times its height.
    pub emblem_width: u32,
    /// Whether the page header shows the EU emblem or any funder's logo.
    pub has_marks: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funder {
    /// As the project wrote it.
    pub name: String,
    /// The registry's names per language, if the funder is in the registry.
    pub names: Texts,
    pub id: Option<String>,
    pub role: Option<String>,
    pub url: Option<String>,
    /// The site-supplied logo, with its URL.
    pub logo: Option<FunderLogo>,
    /// The funder's own wording, e.g. "STEA:n rahoittama", per language.
    pub statement: Option<Texts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunderLogo {
    pub url: String,
    pub alt: Texts,
    pub height: u32,
}

/// How the page marks the EU's support.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EuMark {
    /// `2021-2027` or `2014-2020`.
    pub period: String,
    /// "Euroopan unionin osarahoittama" and its translations.
    pub statement: Texts,
    /// The fund's name, shown beside the emblem only in 2014–2020.
    pub fund: Option<Texts>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    /// Euros.
    pub total: Option<f64>,
    pub approximate: bool,
    pub shares: Vec<Share>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub label: String,
    /// Euros.
    pub amount: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub name: String,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub unit: Option<String>,
    pub phones: Vec<Phone>,
    pub email: Option<String>,
    pub photo: Option<Image>,
    pub languages: Vec<String>,
    /// URL of the person's vCard, filled in once everyone is known.
    pub vcard: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SocialLink {
    pub service: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    pub kind: LinkKind,
    pub language: Option<String>,
    /// For links to files in the site: "PDF, 1,2 Mt".
    pub file: Option<FileInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publication {
    pub title: String,
    pub description: Option<String>,
    pub url: Option<String>,
    /// The language the publication (and its title) is written in.
    pub language: Option<String>,
    /// `rtl` for Arabic, Persian, Hebrew, Urdu …
    pub dir: Option<String>,
    pub file: Option<FileInfo>,
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    pub language: String,
    pub url: Option<String>,
    pub file: Option<FileInfo>,
}

/// A file the site serves, so links can say what it is and how big.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileInfo {
    /// The extension in capitals: `PDF`, `DOCX`.
    pub kind: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    pub url: String,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoodPracticeRef {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoodPractice {
    pub slug: String,
    pub lang: String,
    pub url: String,
    pub source: String,
    pub name: String,
    pub summary: Option<String>,
    /// The Innokylä sections, each HTML.
    pub need: Option<String>,
    pub target_groups: Vec<String>,
    pub implementation: Option<String>,
    pub resources: Option<String>,
    pub evaluation: Option<String>,
    pub setting: Option<String>,
    pub materials: Vec<Link>,
    pub contacts: Vec<Contact>,
    pub innokyla: Option<String>,
    pub region: Option<String>,
    pub created: Option<PartialDate>,
    pub updated: Option<PartialDate>,
    pub topics: Vec<String>,
    pub body: Arc<String>,
    /// The project that produced it.
    pub project: ProjectRef,
}

/// A news item or a press release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct News {
    pub slug: String,
    pub lang: String,
    /// Every language version of the item (same file name), this one included.
    pub versions: Vec<Alternate>,
    pub url: String,
    pub source: String,
    pub title: String,
    pub kind: NewsKind,
    /// The day it was published.
    pub date: PartialDate,
    pub updated: Option<PartialDate>,
    /// `date` and `updated` (or `date`) as RFC 3339, as Atom wants.
    pub published_at: String,
    pub updated_at: String,
    pub author: Option<String>,
    pub summary: Option<String>,
    /// The Markdown body as HTML, shared with the checks `serve` keeps.
    pub body: Arc<String>,
    /// The project whose bundle the item is in.
    pub project: Option<ProjectRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NewsKind {
    News,
    PressRelease,
}

/// A news item as its project's page lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsRef {
    pub title: String,
    pub url: String,
    pub kind: NewsKind,
    pub date: PartialDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRef {
    pub name: String,
    pub url: String,
    pub status: Status,
}
