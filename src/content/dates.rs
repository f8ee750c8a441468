//! Dates as project pages write them: a day (`1.3.2024`, `2024-03-01`) or only a
//! month (`5/2018`, `2018-05`), and ranges of them (`1.3.2024 – 28.2.2027`).

use std::fmt;

use jiff::civil::Date;
use serde::{Serialize, Serializer};

/// A calendar date whose day may be unknown (month precision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: i8,
    pub day: Option<i8>,
}

impl PartialDate {
    /// The first day the date can mean.
    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, self.day.unwrap_or(1)).expect("validated on parse")
    }

    /// The last day the date can mean.
    pub fn last_day(self) -> Date {
        let first = self.first_day();
        match self.day {
            Some(_) => first,
            None => first.last_of_month(),
        }
    }

    /// ISO 8601 form, as `<time datetime>` wants: `2024-03-01` or `2018-05`.
    pub fn iso(self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }

    /// Parses the ISO form written by [`PartialDate::iso`].
    pub fn from_iso(s: &str) -> Option<Self> {
        parse(s).ok()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// Why a text is not a date, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Unreadable,
    Month(i64),
    Day { day: i64, days_in_month: i8 },
    Year(i64),
}

impl DateError {
    pub fn message(&self, text: &str) -> String {
        let reason = match self {
            DateError::Unreadable => return format!("`{text}` is not a date"),
            DateError::Month(m) => format!("month {m} does not exist"),
            DateError::Day { day, days_in_month } => {
                format!("that month has {days_in_month} days, not {day}")
            }
            DateError::Year(y) => format!("year {y} is out of range"),
        };
        format!("`{text}` is not a date — {reason}")
    }
}

pub const DATE_HINT: &str = "write a date as day.month.year (1.3.2024) or year-month-day (2024-03-01); \
     a month as 5/2018 or 2018-05";

/// Parses one date in any of the accepted forms.
pub fn parse(text: &str) -> Result<PartialDate, DateError> {
    let t = text.trim();
    let numbers = |parts: Vec<&str>| -> Option<Vec<i64>> {
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let (year, month, day) = if t.contains('-') {
        // 2024-03-01 or 2018-05
        match numbers(t.split('-').collect()).as_deref() {
            Some(&[y, m, d]) if t.len() >= 8 => (y, m, Some(d)),
            Some(&[y, m]) => (y, m, None),
            _ => return Err(DateError::Unreadable),
        }
    } else if t.contains('.') {
        // 1.3.2024
        match numbers(t.split('.').collect()).as_deref() {
            Some(&[d, m, y]) => (y, m, Some(d)),
            _ => return Err(DateError::Unreadable),
        }
    } else if t.contains('/') {
        // 5/2018
        match numbers(t.split('/').collect()).as_deref() {
            Some(&[m, y]) => (y, m, None),
            _ => return Err(DateError::Unreadable),
        }
    } else {
        return Err(DateError::Unreadable);
    };
    if !(1900..=2200).contains(&year) {
        return Err(DateError::Year(year));
    }
    if !(1..=12).contains(&month) {
        return Err(DateError::Month(month));
    }
    let (year, month) = (year as i16, month as i8);
    let days_in_month = Date::new(year, month, 1)
        .expect("year and month checked")
        .days_in_month();
    if let Some(d) = day
        && !(1..=i64::from(days_in_month)).contains(&d)
    {
        return Err(DateError::Day {
            day: d,
            days_in_month,
        });
    }
    Ok(PartialDate {
        year,
        month,
        day: day.map(|d| d as i8),
    })
}

/// A span of time, e.g. a project's duration or its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

/// A range that failed to parse: which side, where it starts in the text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeError {
    pub part: String,
    pub offset_chars: usize,
    pub error: DateError,
}

/// Parses `1.3.2024 – 28.2.2027`, `5/2018-2/2020`, `2024-03-01 – 2027-02-28`, or a
/// single start date. Any dash splits the range; the split that leaves two valid
/// dates wins, so ISO dates' own hyphens are no problem.
pub fn parse_range(text: &str) -> Result<DateRange, RangeError> {
    let dashes: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '-' | '–' | '—'))
        .map(|(i, _)| i)
        .collect();
    let split = |i: usize| {
        let dash_len = text[i..].chars().next().map_or(1, char::len_utf8);
        (&text[..i], &text[i + dash_len..])
    };
    for &i in &dashes {
        let (a, b) = split(i);
        if let (Ok(start), Ok(end)) = (parse(a), parse(b)) {
            return Ok(DateRange {
                start,
                end: Some(end),
            });
        }
    }
    if let Ok(start) = parse(text) {
        return Ok(DateRange { start, end: None });
    }
    // Nothing parsed: blame the side that is wrong, preferring a spaced or en dash.
    let chosen = dashes
        .iter()
        .copied()
        .find(|&i| !text[i..].starts_with('-') || text[..i].ends_with(' '))
        .or_else(|| dashes.last().copied());
    let blame = |part: &str, at: usize| {
        let trimmed_start = part.len() - part.trim_start().len();
        RangeError {
            part: part.trim().to_string(),
            offset_chars: text[..at + trimmed_start].chars().count(),
            error: parse(part).expect_err("only failing parts are blamed"),
        }
    };
    let error = match chosen {
        Some(i) => {
            let (a, b) = split(i);
            if parse(a).is_err() {
                blame(a, 0)
            } else {
                blame(b, text.len() - b.len())
            }
        }
        None => blame(text, 0),
    };
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: Option<i8>) -> PartialDate {
        PartialDate {
            year: y,
            month: m,
            day,
        }
    }

    #[test]
    fn accepts_finnish_iso_and_month_forms() {
        assert_eq!(parse("1.3.2024"), Ok(d(2024, 3, Some(1))));
        assert_eq!(parse("01.03.2024"), Ok(d(2024, 3, Some(1))));
        assert_eq!(parse("2024-03-01"), Ok(d(2024, 3, Some(1))));
        assert_eq!(parse("5/2018"), Ok(d(2018, 5, None)));
        assert_eq!(parse("2018-05"), Ok(d(2018, 5, None)));
    }

    #[test]
    fn explains_impossible_dates() {
        let e = parse("30.24.2026").unwrap_err();
        assert_eq!(
            e.message("30.24.2026"),
            "`30.24.2026` is not a date — month 24 does not exist"
        );
        let e = parse("29.2.2025").unwrap_err();
        assert_eq!(
            e.message("29.2.2025"),
            "`29.2.2025` is not a date — that month has 28 days, not 29"
        );
        assert_eq!(parse("29.2.2024"), Ok(d(2024, 2, Some(29))));
        assert_eq!(parse("maaliskuu"), Err(DateError::Unreadable));
    }

    #[test]
    fn ranges_split_on_any_dash() {
        let r = parse_range("1.3.2024 – 28.2.2027").unwrap();
        assert_eq!(
            (r.start, r.end),
            (d(2024, 3, Some(1)), Some(d(2027, 2, Some(28))))
        );
        let r = parse_range("5/2018-2/2020").unwrap();
        assert_eq!((r.start, r.end), (d(2018, 5, None), Some(d(2020, 2, None))));
        let r = parse_range("2024-03-01-2027-02-28").unwrap();
        assert_eq!(r.end, Some(d(2027, 2, Some(28))));
        let r = parse_range("1.11.2008-31.10.2010").unwrap();
        assert_eq!(r.start, d(2008, 11, Some(1)));
    }

    #[test]
    fn a_bad_range_blames_the_bad_side_with_its_offset() {
        let e = parse_range("1.5.2024 – 30.24.2026").unwrap_err();
        assert_eq!(e.part, "30.24.2026");
        assert_eq!(e.offset_chars, 11);
        assert_eq!(e.error, DateError::Month(24));
    }

    #[test]
    fn month_precision_spans_the_whole_month() {
        let feb = d(2020, 2, None);
        assert_eq!(feb.first_day(), Date::new(2020, 2, 1).unwrap());
        assert_eq!(feb.last_day(), Date::new(2020, 2, 29).unwrap());
    }
}
