//! Slugs: the parts of web addresses made from file names and headings.

/// `Hyvät käytännöt` → `hyvat-kaytannot`. Finnish and Swedish letters lose
/// their dots so addresses stay readable and typeable.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'š' => 's',
            'ž' => 'z',
            c if c.is_ascii_alphanumeric() => c,
            _ => {
                dash = !out.is_empty();
                continue;
            }
        };
        if dash {
            out.push('-');
            dash = false;
        }
        out.push(mapped);
    }
    out
}

/// Whether a file or folder name can be used as it is in a web address.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_text_becomes_readable_ascii() {
        assert_eq!(slugify("Hyvät käytännöt"), "hyvat-kaytannot");
        assert_eq!(
            slugify("Toimenpide 1: kartoitetaan"),
            "toimenpide-1-kartoitetaan"
        );
        assert_eq!(slugify("  Åland – Ö  "), "aland-o");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn only_plain_slugs_are_valid() {
        assert!(is_valid("sointu"));
        assert!(is_valid("r-01154"));
        assert!(!is_valid("Sointu"));
        assert!(!is_valid("jäkälä"));
        assert!(!is_valid("../etc"));
        assert!(!is_valid("a--b"));
    }
}
