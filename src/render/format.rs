//! Dates, money and file sizes written the way each language writes them.
//! Finnish: `1.3.2024`, `356 164 €` (no-break spaces), `1,2 Mt`.

use crate::content::dates::PartialDate;

const NBSP: char = '\u{a0}';

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `1.3.2024` (fi, sv) or `1 March 2024` (en); months as `5/2018` or `May 2018`.
pub fn date(d: PartialDate, lang: &str) -> String {
    match (lang, d.day) {
        ("en", Some(day)) => format!("{day} {} {}", MONTHS_EN[d.month as usize - 1], d.year),
        ("en", None) => format!("{} {}", MONTHS_EN[d.month as usize - 1], d.year),
        (_, Some(day)) => format!("{day}.{}.{}", d.month, d.year),
        (_, None) => format!("{}/{}", d.month, d.year),
    }
}

/// `356 164 €`, `71 233,50 €`; English uses a point for decimals.
pub fn money(euros: f64, lang: &str) -> String {
    let cents = (euros * 100.0).round() as i64;
    let (whole, fraction) = (cents / 100, cents % 100);
    let mut out = group_thousands(whole);
    if fraction != 0 {
        out.push(if lang == "en" { '.' } else { ',' });
        out.push_str(&format!("{fraction:02}"));
    }
    out.push(NBSP);
    out.push('€');
    out
}

fn group_thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

/// `1,2 Mt` / `350 kt` in Finnish, `1,2 MB` in Swedish, `1.2 MB` in English.
pub fn file_size(bytes: u64, lang: &str) -> String {
    let (kb, mb) = match lang {
        "fi" => ("kt", "Mt"),
        _ => ("kB", "MB"),
    };
    let decimal = if lang == "en" { "." } else { "," };
    if bytes < 1_000_000 {
        let k = (bytes as f64 / 1000.0).ceil().max(1.0) as u64;
        format!("{k}{NBSP}{kb}")
    } else {
        let tenths = (bytes as f64 / 100_000.0).round() as u64;
        let text = if tenths.is_multiple_of(10) {
            format!("{}", tenths / 10)
        } else {
            format!("{}{decimal}{}", tenths / 10, tenths % 10)
        };
        format!("{text}{NBSP}{mb}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> PartialDate {
        crate::content::dates::parse(text).unwrap()
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(date(d("2024-03-01"), "fi"), "1.3.2024");
        assert_eq!(date(d("2024-03-01"), "sv"), "1.3.2024");
        assert_eq!(date(d("2024-03-01"), "en"), "1 March 2024");
        assert_eq!(date(d("5/2018"), "fi"), "5/2018");
        assert_eq!(date(d("5/2018"), "en"), "May 2018");
    }

    #[test]
    fn money_the_finnish_way() {
        assert_eq!(money(356164.0, "fi"), "356\u{a0}164\u{a0}€");
        assert_eq!(money(71233.5, "fi"), "71\u{a0}233,50\u{a0}€");
        assert_eq!(money(2_500_000.0, "fi"), "2\u{a0}500\u{a0}000\u{a0}€");
        assert_eq!(money(999.0, "fi"), "999\u{a0}€");
    }

    #[test]
    fn file_sizes() {
        assert_eq!(file_size(1_234_567, "fi"), "1,2\u{a0}Mt");
        assert_eq!(file_size(350_000, "fi"), "350\u{a0}kt");
        assert_eq!(file_size(2_000_000, "en"), "2\u{a0}MB");
        assert_eq!(file_size(10, "fi"), "1\u{a0}kt");
    }
}
