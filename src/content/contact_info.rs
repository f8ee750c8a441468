//! Phone numbers and email addresses as Finnish pages write them, normalised
//! so that a tap calls or writes: `044 702 8458` → `tel:+358447028458`,
//! `johanna.jussila(at)xamk.fi` → `mailto:johanna.jussila@xamk.fi`.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phone {
    /// E.164, for `tel:` links and vCards: `+358447028458`.
    pub e164: String,
    /// Grouped the Finnish way: `044 702 8458`.
    pub display: String,
}

pub const PHONE_HINT: &str =
    "write the number as 044 702 8458 or +358 44 702 8458 (spaces and hyphens are fine)";

/// Parses a phone number in any common Finnish form.
pub fn parse_phone(text: &str) -> Option<Phone> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let allowed =
        |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{a0}');
    let (international, rest) = match t.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if !rest.chars().all(allowed) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let (country, national) = if international {
        split_country(&digits)?
    } else if let Some(d) = digits.strip_prefix("00") {
        split_country(d)?
    } else {
        ("358", digits.strip_prefix('0')?.to_string())
    };
    if country != "358" {
        return (7..=15)
            .contains(&(country.len() + national.len()))
            .then(|| Phone {
                e164: format!("+{country}{national}"),
                display: format!("+{country} {national}"),
            });
    }
    let national = national.strip_prefix('0').unwrap_or(&national).to_string();
    if !(5..=10).contains(&national.len()) {
        return None;
    }
    let prefix_len = finnish_prefix_len(&national);
    let (prefix, subscriber) = national.split_at(prefix_len);
    Some(Phone {
        e164: format!("+358{national}"),
        display: format!("0{prefix} {}", group(subscriber)),
    })
}

fn split_country(digits: &str) -> Option<(&'static str, String)> {
    if let Some(rest) = digits.strip_prefix("358") {
        return Some(("358", rest.to_string()));
    }
    // Other countries: keep the digits as they are; the number is shown unchanged.
    (!digits.is_empty()).then(|| ("", digits.to_string()))
}

/// Length of the area or operator code after the leading 0: `44` in 044,
/// `9` in 09 (Helsinki), `13` in 013, `29` in 029.
fn finnish_prefix_len(national: &str) -> usize {
    let first = national.as_bytes()[0];
    match first {
        b'2' | b'3' | b'5' | b'6' | b'8' | b'9'
            if !matches!(
                &national[..2],
                "20" | "29" | "30" | "50" | "60" | "70" | "75" | "80"
            ) =>
        {
            1
        }
        _ => 2,
    }
}

/// `7028458` → `702 8458`; `534500` → `534 500`.
fn group(subscriber: &str) -> String {
    let split = match subscriber.len() {
        0..=4 => return subscriber.to_string(),
        5 => 2,
        6 | 7 => 3,
        _ => 4,
    };
    format!("{} {}", &subscriber[..split], &subscriber[split..])
}

pub const EMAIL_HINT: &str = "write the address as etunimi.sukunimi@organisaatio.fi \
     (the forms etunimi.sukunimi(at)organisaatio.fi and [at] are also understood)";

/// Parses an email address, accepting the `(at)` and `[at]` spellings.
pub fn parse_email(text: &str) -> Option<String> {
    let mut t = text.trim().to_string();
    for marker in ["(at)", "[at]", "(a)", "{at}"] {
        if let Some(i) = t.to_lowercase().find(marker) {
            t = format!(
                "{}@{}",
                t[..i].trim_end(),
                t[i + marker.len()..].trim_start()
            );
            break;
        }
    }
    let t = t.strip_prefix("mailto:").unwrap_or(&t);
    let (local, domain) = t.split_once('@')?;
    let ok_part = |p: &str| {
        !p.is_empty()
            && !p
                .chars()
                .any(|c| c.is_whitespace() || "<>()[],;:@\"".contains(c))
    };
    (ok_part(local) && ok_part(domain) && domain.contains('.') && !domain.ends_with('.'))
        .then(|| format!("{local}@{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(t: &str) -> (String, String) {
        let p = parse_phone(t).unwrap_or_else(|| panic!("{t} should parse"));
        (p.e164, p.display)
    }

    #[test]
    fn phones_in_the_forms_the_seeds_use() {
        let sointu = ("+358447028832".to_string(), "044 702 8832".to_string());
        assert_eq!(phone("+358447028832"), sointu);
        assert_eq!(phone("044 702 8832"), sointu);
        assert_eq!(phone("+358 44 702 8832"), sointu);
        assert_eq!(phone("00358 44 7028832"), sointu);
        assert_eq!(phone("044 702 8458").0, "+358447028458");
        assert_eq!(
            phone("044-703 1124"),
            ("+358447031124".into(), "044 703 1124".into())
        );
        assert_eq!(phone("040 515 2743").1, "040 515 2743");
        assert_eq!(
            phone("029 534 5000"),
            ("+358295345000".into(), "029 534 5000".into())
        );
        assert_eq!(
            phone("(09) 310 1691"),
            ("+35893101691".into(), "09 310 1691".into())
        );
    }

    #[test]
    fn rejects_what_is_not_a_phone_number() {
        assert_eq!(parse_phone("p. 040"), None);
        assert_eq!(parse_phone("123"), None);
        assert_eq!(parse_phone("soita meille"), None);
    }

    #[test]
    fn emails_with_at_spelt_out() {
        assert_eq!(
            parse_email("johanna.jussila(at)xamk.fi").as_deref(),
            Some("johanna.jussila@xamk.fi")
        );
        assert_eq!(
            parse_email("johanna.jussila [at] xamk.fi").as_deref(),
            Some("johanna.jussila@xamk.fi")
        );
        assert_eq!(
            parse_email("Jaana.Poikolainen@xamk.fi").as_deref(),
            Some("Jaana.Poikolainen@xamk.fi")
        );
        assert_eq!(parse_email("salla.korhonen at ouka"), None);
        assert_eq!(parse_email("a@b"), None);
    }
}
