//! Open data: every project's facts as `projects.json` and as `projects.csv`
//! (UTF-8 with a byte order mark and semicolons, as Finnish Excel expects).
//! Contact people are left out: open data is copied far and kept long.

use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::content::model::Project;

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

fn rows<'a, B>(
    projects: &'a [Arc<Project>],
    config: &Config,
    euros: fn(f64) -> B,
) -> Vec<Row<'a, B>> {
    projects
        .iter()
        .map(|p| {
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
        })
        .collect()
}

/// A little more than the bytes a project takes in either file (about 1,100 in
/// the JSON, 660 in the CSV), so that the files of thousands of projects are
/// not copied over and over as they grow; memory reserved and never written
/// costs nothing.
const ROW_SIZE_HINT: usize = 1536;

pub fn json(projects: &[Arc<Project>], config: &Config) -> Vec<u8> {
    let number = |e: f64| {
        if e.fract() == 0.0 {
            serde_json::Number::from(e as i64)
        } else {
            serde_json::Number::from_f64(e).unwrap_or_else(|| serde_json::Number::from(0))
        }
    };
    let mut out = Vec::with_capacity(ROW_SIZE_HINT * projects.len());
    serde_json::to_writer_pretty(&mut out, &rows(projects, config, number))
        .expect("rows serialize");
    out.push(b'\n');
    out
}

pub fn csv(projects: &[Arc<Project>], config: &Config) -> Vec<u8> {
    let mut out = Vec::with_capacity(ROW_SIZE_HINT * projects.len());
    out.extend_from_slice("\u{feff}".as_bytes());
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let comma = |e: f64| {
            if e.fract() == 0.0 {
                format!("{}", e as i64)
            } else {
                format!("{e:.2}").replace('.', ",")
            }
        };
        for row in rows(projects, config, comma) {
            writer.serialize(row).expect("writing to memory");
        }
        writer.flush().expect("writing to memory");
    }
    out
}
