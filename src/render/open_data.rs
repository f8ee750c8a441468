//! Open data: every project's facts as `projects.json` and as `projects.csv`
//! (UTF-8 with a byte order mark and semicolons, as Finnish Excel expects).
//! Contact people are left out: open data is copied far and kept long.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::counterparts::Counterparts;
use crate::config::Config;
use crate::content::model::Project;

pub const JSON_FILE: &str = "projects.json";
pub const CSV_FILE: &str = "projects.csv";

/// The columns of projects.csv and the fields of projects.json, in order.
/// `B` is how the budget is written: a number in JSON, text with a decimal
/// comma in the CSV.
#[derive(Serialize)]
struct Row<'a, B> {
    slug: &'a str,
    url: String,
    name: &'a str,
    short_name: Option<&'a str>,
    code: Option<&'a str>,
    status: &'static str,
    start: String,
    end: Option<String>,
    administrator: Option<&'a str>,
    implementers: String,
    partners: String,
    region: Option<&'a str>,
    municipalities: String,
    target_groups: String,
    main_goal: Option<&'a str>,
    summary: Option<&'a str>,
    programme: Option<&'a str>,
    priority: Option<&'a str>,
    specific_objective: Option<&'a str>,
    funders: String,
    eu_period: Option<&'a str>,
    total_budget_eur: Option<B>,
}

/// Each project's entry in both files, as written, kept by `serve`: after an
/// edit only the entries of projects whose model changed are made again.
#[derive(Default)]
pub struct Entries(Vec<Entry>);

struct Entry {
    /// The model the entry was made from (see `Site`).
    project: Arc<Project>,
    /// The project's object, indented as an element of the JSON array.
    json: Arc<[u8]>,
    /// The project's line of the CSV.
    csv: Arc<[u8]>,
}

/// `projects.json` and `projects.csv` of `projects`, made in the `buffers`
/// given (empty), and their entries for the next time; an entry `last` made
/// from the same model is taken as it is.
pub fn files(
    projects: &[Arc<Project>],
    config: &Config,
    last: Option<&Entries>,
    (mut json, mut csv): (Vec<u8>, Vec<u8>),
) -> (Vec<u8>, Vec<u8>, Entries) {
    let last = last.map_or(&[][..], |last| &last.0[..]);
    let last = Counterparts::new(last, projects.len(), |e| e.project.slug.as_str());
    // The entry made from the very same model.
    let made =
        |i: usize, p: &Arc<Project>| (last.get(i, &p.slug)).filter(|e| Arc::ptr_eq(&e.project, p));
    let entries: Vec<Entry> = (projects.par_iter().enumerate())
        .map(|(i, p)| match made(i, p) {
            Some(e) => Entry {
                project: Arc::clone(p),
                json: Arc::clone(&e.json),
                csv: Arc::clone(&e.csv),
            },
            None => Entry {
                project: Arc::clone(p),
                json: json_entry(p, config).into(),
                csv: csv_line(p, config, false).into(),
            },
        })
        .collect();
    let size = |part: fn(&Entry) -> usize| entries.iter().map(part).sum::<usize>();

    json.reserve(with_room(size(|e| e.json.len() + 2) + 4));
    match entries.is_empty() {
        true => json.extend_from_slice(b"[]"),
        false => {
            json.extend_from_slice(b"[\n");
            for (i, e) in entries.iter().enumerate() {
                if i > 0 {
                    json.extend_from_slice(b",\n");
                }
                json.extend_from_slice(&e.json);
            }
            json.extend_from_slice(b"\n]");
        }
    }
    json.push(b'\n');

    csv.reserve(with_room(size(|e| e.csv.len()) + 1024));
    csv.extend_from_slice("\u{feff}".as_bytes());
    if let Some(first) = projects.first() {
        // The header is what a writer puts before its first line.
        let both = csv_line(first, config, true);
        csv.extend_from_slice(&both[..both.len() - entries[0].csv.len()]);
    }
    for e in &entries {
        csv.extend_from_slice(&e.csv);
    }
    (json, csv, Entries(entries))
}

/// Room for `size` bytes and a little more, so that the buffer takes the next
/// version of the file after an edit that made it longer.
fn with_room(size: usize) -> usize {
    size + size / 64
}

/// `p`'s object in projects.json, indented as an element of its array (no
/// string in it holds a line break: JSON escapes them).
fn json_entry(p: &Project, config: &Config) -> Vec<u8> {
    let number = |e: f64| {
        if e.fract() == 0.0 {
            serde_json::Number::from(e as i64)
        } else {
            serde_json::Number::from_f64(e).unwrap_or_else(|| serde_json::Number::from(0))
        }
    };
    let object = serde_json::to_vec_pretty(&row(p, config, number)).expect("a row serializes");
    let mut indented = Vec::with_capacity(object.len() + object.len() / 16);
    for line in object.split(|&b| b == b'\n') {
        if !indented.is_empty() {
            indented.push(b'\n');
        }
        indented.extend_from_slice(b"  ");
        indented.extend_from_slice(line);
    }
    indented
}

/// A little more than a project's line in the CSV takes (about 660 bytes): the
/// writer's buffer, made for each line (its default is 8 KiB).
const LINE_SIZE_HINT: usize = 1024;

/// `p`'s line in projects.csv, after the header line with `header`.
fn csv_line(p: &Project, config: &Config, header: bool) -> Vec<u8> {
    let comma = |e: f64| {
        if e.fract() == 0.0 {
            format!("{}", e as i64)
        } else {
            format!("{e:.2}").replace('.', ",")
        }
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .has_headers(header)
        .buffer_capacity(LINE_SIZE_HINT)
        .from_writer(Vec::new());
    writer
        .serialize(row(p, config, comma))
        .expect("writing to memory");
    writer.into_inner().expect("writing to memory")
}

fn row<'a, B>(p: &'a Project, config: &Config, euros: impl Fn(f64) -> B) -> Row<'a, B> {
    let f = p.funding.as_ref();
    Row {
        slug: &p.slug,
        url: config.absolute(&p.url),
        name: &p.name,
        short_name: p.short_name.as_deref(),
        code: p.code.as_deref(),
        status: p.status.code(),
        start: p.duration.start.iso(),
        end: p.duration.effective_end().map(|d| d.iso()),
        administrator: p.administrator.as_deref(),
        implementers: p.implementers.join(", "),
        partners: p.partners.join(", "),
        region: p.region.as_deref(),
        municipalities: p.municipalities.join(", "),
        target_groups: p.target_groups.join(", "),
        main_goal: p.goals.main.as_deref(),
        summary: p.summary.as_deref(),
        programme: f.and_then(|f| f.programme.as_deref()),
        priority: f.and_then(|f| f.priority.as_deref()),
        specific_objective: f.and_then(|f| f.specific_objective.as_deref()),
        funders: f
            .map(|f| {
                f.funders
                    .iter()
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        eu_period: f.and_then(|f| f.eu.as_ref()).map(|e| e.period.as_str()),
        total_budget_eur: f
            .and_then(|f| f.budget.as_ref())
            .and_then(|b| b.total)
            .map(euros),
    }
}
