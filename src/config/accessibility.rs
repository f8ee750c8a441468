//! The accessibility statement (saavutettavuusseloste) that the Act on the
//! Provision of Digital Services (306/2019) requires, from the `accessibility:`
//! block of site.yaml, checked for every section the law asks for.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::content::contact_info;
use crate::content::dates::{self, PartialDate};
use crate::diagnostic::{Diagnostic, Pos};
use crate::domain::{Authorities, Authority};
use crate::yaml::Spanned;

/// The block as written in site.yaml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatement {
    /// full | partial | not
    status: Option<Spanned<Compliance>>,
    prepared: Option<Spanned<String>>,
    reviewed: Option<Spanned<String>>,
    assessment: Option<Spanned<Assessment>>,
    assessed_by: Option<String>,
    feedback: Option<Spanned<RawFeedback>>,
    #[serde(default)]
    issues: Vec<RawIssue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    #[serde(alias = "täyttää")]
    Full,
    #[serde(alias = "osittain")]
    Partial,
    #[serde(alias = "ei")]
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    #[serde(rename = "self")]
    SelfAssessed,
    ThirdParty,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeedback {
    email: Option<Spanned<String>>,
    form: Option<String>,
    /// Who handles the feedback (a unit or a role).
    handler: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    /// What is not accessible, in each language of the site.
    description: Spanned<BTreeMap<String, String>>,
    /// The WCAG 2.1 success criterion, e.g. `1.2.2`.
    criterion: Spanned<String>,
    reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    NonCompliance,
    DisproportionateBurden,
    OutOfScope,
}

/// The validated statement templates read.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub status: Compliance,
    pub prepared: PartialDate,
    pub reviewed: PartialDate,
    pub assessment: Assessment,
    pub assessed_by: Option<String>,
    pub feedback_email: Option<String>,
    pub feedback_form: Option<String>,
    pub feedback_handler: Option<String>,
    pub issues: Vec<Issue>,
    pub supervisor: Authority,
}

#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub description: BTreeMap<String, String>,
    pub criterion: String,
    pub reason: Reason,
}

/// Where in site.yaml things are, and where diagnostics go.
pub struct Ctx<'a> {
    pub doc: &'a crate::yaml::Document<'a>,
    pub languages: &'a [String],
    pub today: Date,
    pub authorities: &'a Authorities,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// Position of the `accessibility:` key, for what is missing altogether.
    pub block: Pos,
}

impl Ctx<'_> {
    fn error(&mut self, pos: Pos, code: &'static str, message: String, hint: &str) {
        self.diagnostics.push(
            Diagnostic::error(code, message)
                .in_source(self.doc.source)
                .at(pos)
                .hint(hint),
        );
    }

    fn missing(&mut self, key: &str, hint: &str) {
        let pos = self.block;
        self.error(
            pos,
            "missing-field",
            format!("the accessibility statement has no `{key}`"),
            hint,
        );
    }
}

pub fn validate(raw: &RawStatement, c: &mut Ctx) -> Option<Statement> {
    let status = raw.status.as_ref().map(|s| s.value);
    if status.is_none() {
        c.missing(
            "status",
            "add `status: partial` (or `full`, or `not`): how well the site meets WCAG 2.1 AA",
        );
    }
    let date = |c: &mut Ctx, v: &Option<Spanned<String>>, key: &str, hint: &str| match v {
        None => {
            c.missing(key, hint);
            None
        }
        Some(v) => match dates::parse(&v.value) {
            Ok(d) if d.day.is_some() => Some(d),
            Ok(_) | Err(_) => {
                let pos = c.doc.pos(v);
                c.error(
                    pos,
                    "invalid-date",
                    format!("`{}` is not a date", v.value),
                    dates::DATE_HINT,
                );
                None
            }
        },
    };
    let prepared = date(
        c,
        &raw.prepared,
        "prepared",
        "add `prepared: 1.9.2025`: when the statement was first made",
    );
    let reviewed = date(
        c,
        &raw.reviewed,
        "reviewed",
        "add `reviewed: 1.9.2026`: when it was last checked",
    );
    if raw.assessment.is_none() {
        c.missing(
            "assessment",
            "add `assessment: self` or `assessment: third-party`: how accessibility was assessed",
        );
    }
    if let Some(assessment) = &raw.assessment
        && assessment.value == Assessment::ThirdParty
        && raw.assessed_by.is_none()
    {
        let pos = c.doc.pos(assessment);
        c.error(
            pos,
            "missing-field",
            "a third-party assessment needs `assessed_by`".into(),
            "add `assessed_by: ` and the assessor's name",
        );
    }
    let (email, form, handler) = match &raw.feedback {
        None => {
            c.missing("feedback", "add `feedback:` with `email:` (or `form:`) and `handler:`, so readers can report problems");
            (None, None, None)
        }
        Some(f) => {
            let email = f.value.email.as_ref().and_then(|e| {
                let parsed = contact_info::parse_email(&e.value);
                if parsed.is_none() {
                    let pos = c.doc.pos(e);
                    c.error(
                        pos,
                        "invalid-email",
                        format!("`{}` is not an email address", e.value),
                        contact_info::EMAIL_HINT,
                    );
                }
                parsed
            });
            if f.value.email.is_none() && f.value.form.is_none() {
                let pos = c.doc.pos(f);
                c.error(
                    pos,
                    "missing-field",
                    "the feedback channel has neither `email` nor `form`".into(),
                    "add `email: saavutettavuus@example.fi` or `form: https://…`",
                );
            }
            (email, f.value.form.clone(), f.value.handler.clone())
        }
    };
    let mut issues = Vec::new();
    for issue in &raw.issues {
        let criterion = issue.criterion.value.trim();
        let valid = criterion.split('.').count() == 3
            && criterion
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            let pos = c.doc.pos(&issue.criterion);
            c.error(
                pos,
                "invalid-criterion",
                format!("`{criterion}` is not a WCAG success criterion"),
                "write the criterion's number, e.g. `1.2.2` (captions) or `1.4.3` (contrast)",
            );
        }
        for lang in c.languages {
            if !issue.description.value.contains_key(lang) {
                let pos = c.doc.pos(&issue.description);
                c.error(pos, "missing-translation", format!("the issue has no description in `{lang}`"), "the statement is published in every language of the site; add the description in this language too");
            }
        }
        issues.push(Issue {
            description: issue.description.value.clone(),
            criterion: criterion.to_string(),
            reason: issue.reason,
        });
    }
    let supervisor = c.authorities.supervisor(c.today).cloned();
    if supervisor.is_none() {
        let pos = c.block;
        c.error(
            pos,
            "no-supervisor",
            "no supervisory authority is in force on the build date".into(),
            "check data/authorities.yaml",
        );
    }
    if let (Some(reviewed), Some(_)) = (reviewed, &raw.reviewed) {
        let age = c
            .today
            .since(reviewed.first_day())
            .map(|s| s.get_days())
            .unwrap_or(0);
        if age > 365 {
            let pos = c.doc.pos(raw.reviewed.as_ref().expect("checked"));
            c.diagnostics.push(
                Diagnostic::warning("statement-stale", format!("the accessibility statement was last reviewed on {reviewed}, over a year ago"))
                    .in_source(c.doc.source)
                    .at(pos)
                    .hint("the law asks for a review at least once a year: check the site, then update `reviewed:`"),
            );
        }
    }
    Some(Statement {
        status: status?,
        prepared: prepared?,
        reviewed: reviewed?,
        assessment: raw.assessment.as_ref()?.value,
        assessed_by: raw.assessed_by.clone(),
        feedback_email: email,
        feedback_form: form,
        feedback_handler: handler,
        issues,
        supervisor: supervisor?,
    })
}

/// Warns when the block (or anything else in site.yaml) still names the former
/// supervisor, as statements written before 2025 do.
pub fn check_former_supervisor(c: &mut Ctx) {
    for (i, line) in c.doc.yaml.lines().enumerate() {
        if let Some(name) = c.authorities.former_named_in(line) {
            let column = line
                .to_lowercase()
                .find(&name.to_lowercase())
                .map_or(1, |b| line[..b].chars().count() + 1);
            c.diagnostics.push(
                Diagnostic::warning("former-supervisor", format!("site.yaml names `{name}`, which no longer supervises accessibility"))
                    .in_source(c.doc.source)
                    .at(Pos::new(i + 1 + c.doc.line_offset, column))
                    .hint("since 1.1.2025 the supervisor is Traficom; hanke adds its contact details to the statement, so remove the old name"),
            );
        }
    }
}
