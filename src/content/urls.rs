//! The site's URL scheme, in one place: the validator checks links against it and
//! the renderer writes pages to it. Paths are relative to the base path and end in
//! `/` for pages (clean URLs: `projects/sointu/` is `projects/sointu/index.html`).

/// The taxonomies, by the path segment of their pages (`/regions/lappi/`).
pub const TAXONOMIES: [&str; 6] = [
    "regions",
    "topics",
    "funders",
    "programmes",
    "status",
    "administrators",
];

/// A term's listing: `regions/lappi/`.
pub fn term(taxonomy: &str, slug: &str) -> String {
    format!("{taxonomy}/{slug}/")
}

pub fn home() -> String {
    String::new()
}

pub fn project(slug: &str) -> String {
    format!("projects/{slug}/")
}

pub fn good_practices() -> String {
    "good-practices/".to_string()
}

pub fn overview() -> String {
    "overview/".to_string()
}

pub fn search() -> String {
    "search/".to_string()
}

pub fn news() -> String {
    "news/".to_string()
}

pub fn news_item(slug: &str) -> String {
    format!("news/{slug}/")
}

/// The Atom feed of the news listed on the page at `page_path`.
pub fn feed(page_path: &str) -> String {
    format!("{page_path}atom.xml")
}

pub fn contacts() -> String {
    "contacts/".to_string()
}

/// A person's vCard: a file, not a page.
pub fn vcard(slug: &str) -> String {
    format!("{}{slug}.vcf", contacts())
}

pub fn good_practice(slug: &str) -> String {
    format!("good-practices/{slug}/")
}

/// `` for the default language, `sv/` for the others.
pub fn language_prefix(lang: &str, default: &str) -> String {
    if lang == default {
        String::new()
    } else {
        format!("{lang}/")
    }
}

/// The file a page path is written to.
pub fn output_file(page_path: &str) -> String {
    if page_path.is_empty() || page_path.ends_with('/') {
        format!("{page_path}index.html")
    } else {
        page_path.to_string()
    }
}

/// Page `number` (from 1) of the listing at `listing`: the first is the
/// listing itself, the others `regions/lappi/page/2/`.
pub fn listing_page(listing: &str, number: usize) -> String {
    match number {
        1 => listing.to_string(),
        n => format!("{listing}page/{n}/"),
    }
}
