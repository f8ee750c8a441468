//! Funding: funders resolved against the registry, and the funders' visibility
//! rules (Regulation (EU) 2021/1060 Art. 47 and 50, Annex IX; Implementing
//! Regulation 821/2014 Art. 4 for 2014–2020), checked where the project states them.

use jiff::civil::Date;

use super::checker::Checker;
use crate::content::model::{Budget, EuMark, Funder, FunderLogo, Funding, Share};
use crate::content::raw::{EuFunding, RawFunding};
use crate::diagnostic::Diagnostic;
use crate::funders::Kind;
use crate::yaml::{Spanned, suggest};

pub fn funding(c: &mut Checker, raw: &RawFunding, start: Option<Date>) -> Funding {
    let registry = &c.domain.funders;
    let mut funders = Vec::new();
    let mut kinds = Vec::new();
    for spanned in &raw.funders {
        let f = &spanned.value;
        let entry = match (&f.id, &f.name) {
            (Some(id), _) => {
                let found = registry.find(id);
                if found.is_none() {
                    let ids = registry.ids();
                    let hint = match suggest(id, &ids) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => "use an id from data/funders.yaml, or write the funder's `name:` instead".into(),
                    };
                    c.error_at(
                        spanned,
                        "unknown-funder",
                        format!("no funder has the id `{id}`"),
                        &hint,
                    );
                }
                found
            }
            (None, Some(name)) => registry.find(name),
            (None, None) => {
                c.error_at(
                    spanned,
                    "missing-field",
                    "a funder has neither `name` nor `id`".into(),
                    "write the funder's name: `- nimi: Hämeen ELY-keskus`",
                );
                continue;
            }
        };
        let label = f
            .name
            .as_ref()
            .or(f.id.as_ref())
            .expect("one of them is set");
        let at = Spanned {
            value: label.clone(),
            referenced: spanned.referenced,
            defined: spanned.defined,
        };
        if let (Some(e), Some(start)) = (entry, start)
            && e.valid_until.is_some_and(|until| start > until)
        {
            let pos = c.doc.pos(&at);
            c.report(
                Diagnostic::warning(
                    "funder-retired",
                    format!("`{}` no longer existed when the project started", at.value.trim()),
                )
                .hint("ELY centres' funding tasks moved to the elinvoimakeskukset on 1.1.2026; name the funder as it was when it granted the money"),
                pos,
            );
        }
        kinds.push((entry.map(|e| e.kind), at));
        funders.push(Funder {
            name: f
                .name
                .as_ref()
                .map(|n| n.trim().to_string())
                .or_else(|| entry.and_then(|e| e.name.get(c.lang).cloned()))
                .unwrap_or_default(),
            names: entry.map(|e| e.name.clone()).unwrap_or_default(),
            id: entry.map(|e| e.id.clone()),
            role: f.role.clone(),
            url: entry.and_then(|e| e.url.clone()),
            logo: entry
                .and_then(|e| registry.logos.get(&e.id))
                .map(|l| FunderLogo {
                    url: format!("{}{}", c.links.base_path, l.path),
                    alt: l.alt.clone(),
                    height: l.height,
                }),
            statement: entry.and_then(|e| e.statement.clone()),
        });
    }
    let eu = eu_mark(c, raw, &kinds, &funders);
    let logo_heights = funders
        .iter()
        .filter_map(|f| f.logo.as_ref())
        .map(|l| l.height);
    let marks_height = logo_heights.fold(registry.emblem_height, u32::max);
    let budget = raw.budget.as_ref().map(|b| Budget {
        total: b.total.as_ref().and_then(|t| c.money(t)),
        approximate: b.approximate,
        shares: b
            .shares
            .iter()
            .filter_map(|s| {
                c.money(&s.amount).map(|amount| Share {
                    label: s.label.trim().to_string(),
                    amount,
                })
            })
            .collect(),
    });
    let has_marks = eu.is_some() || funders.iter().any(|f| f.logo.is_some());
    Funding {
        emblem_width: marks_height * 3 / 2,
        has_marks,
        programme: raw.programme.clone(),
        priority: raw.priority.clone(),
        specific_objective: raw.specific_objective.clone(),
        funders,
        budget,
        eu,
        marks_height,
    }
}

/// The EU marking for the programme period, and the period's rules on fund names.
fn eu_mark(
    c: &mut Checker,
    raw: &RawFunding,
    kinds: &[(Option<Kind>, Spanned<String>)],
    funders: &[Funder],
) -> Option<EuMark> {
    let is_eu = kinds
        .iter()
        .any(|(k, _)| matches!(k, Some(Kind::Eu | Kind::Fund)));
    if !is_eu {
        return None;
    }
    let registry = &c.domain.funders;
    let period = match &raw.period {
        Some(p) => {
            let normalized = p.value.trim().replace(['–', '—'], "-");
            if registry.eu_marking.contains_key(&normalized) {
                Some(normalized)
            } else {
                let known: Vec<&str> = registry.eu_marking.keys().map(String::as_str).collect();
                c.error_at(
                    p,
                    "eu-period",
                    format!("`{}` is not an EU programme period hanke knows", p.value),
                    &format!("write one of: {}", known.join(", ").replace('-', "–")),
                );
                return None;
            }
        }
        None => raw
            .programme
            .as_deref()
            .and_then(|p| c.domain.programmes.find(p))
            .and_then(|p| p.period.clone()),
    };
    let Some(period) = period else {
        let at = &kinds
            .iter()
            .find(|(k, _)| matches!(k, Some(Kind::Eu | Kind::Fund)))?
            .1;
        c.error_at(
            at,
            "eu-period",
            "the project is EU-funded, but its programme period is unknown, so hanke cannot choose the EU marking".into(),
            "add `programme: Uudistuva ja osaava Suomi 2021–2027` (ohjelma) or `period: 2021–2027` (ohjelmakausi) under the funding",
        );
        return None;
    };
    let marking = &registry.eu_marking[&period];
    let share = match raw.eu_funding.unwrap_or(EuFunding::CoFunded) {
        EuFunding::CoFunded => "co-funded",
        EuFunding::Funded => "funded",
    };
    let fund_index = kinds.iter().position(|(k, _)| *k == Some(Kind::Fund));
    if marking.fund_name {
        if fund_index.is_none() {
            let at = &kinds.iter().find(|(k, _)| *k == Some(Kind::Eu))?.1;
            let pos = c.doc.pos(at);
            c.report(
                Diagnostic::warning(
                    "eu-fund-missing",
                    format!(
                        "the {} marking names the EU fund, but the project names none",
                        period.replace('-', "–")
                    ),
                )
                .hint("add the fund as a funder, e.g. `- nimi: Euroopan sosiaalirahasto`"),
                pos,
            );
        }
    } else if let Some(i) = fund_index {
        let at = kinds[i].1.clone();
        let pos = c.doc.pos(&at);
        c.report(
            Diagnostic::warning(
                "eu-fund-name",
                format!("in {} the fund's name (`{}`) is not shown beside the EU emblem", period.replace('-', "–"), at.value.trim()),
            )
            .hint("write `Euroopan unioni` as the funder instead; the emblem says “Euroopan unionin osarahoittama”"),
            pos,
        );
    }
    if !marking.fund_name {
        for (_, at) in kinds {
            if let Some(mark) = registry
                .retired_marks
                .iter()
                .find(|m| at.value.contains(m.as_str()))
            {
                let pos = c.doc.pos(at);
                c.report(
                    Diagnostic::warning(
                        "retired-mark",
                        format!(
                            "“{mark}” may no longer be used in {}",
                            period.replace('-', "–")
                        ),
                    )
                    .hint("remove it; the EU emblem with its statement replaces it"),
                    pos,
                );
            }
        }
    }
    Some(EuMark {
        period,
        statement: marking.statement[share].clone(),
        fund: fund_index
            .filter(|_| marking.fund_name)
            .map(|i| funders[i].names.clone()),
    })
}
