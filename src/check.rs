//! Checks over the rendered pages: every link to a heading (`#tavoitteet`) must
//! find an element with that id, whether the theme or the Markdown made it.

use std::collections::{HashMap, HashSet};

use crate::content::markdown::Anchor;
use crate::content::urls;
use crate::diagnostic::Diagnostic;
use crate::render::Rendered;

/// Broken links to headings, each at the line where the link was written.
pub fn anchors(anchors: &[Anchor], rendered: &Rendered, base_path: &str) -> Vec<Diagnostic> {
    let pages: HashMap<&str, &[u8]> = rendered
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut found = Vec::new();
    for anchor in anchors {
        let (path, fragment) = anchor.url.split_once('#').expect("anchors have a fragment");
        let file = urls::output_file(path.strip_prefix(base_path).unwrap_or(path));
        let Some(html) = pages.get(file.as_str()) else {
            continue; // a missing page is reported when the link is resolved
        };
        let page_ids = ids
            .entry(file.clone())
            .or_insert_with(|| ids_in(&String::from_utf8_lossy(html)));
        let wanted = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        if !wanted.is_empty() && !page_ids.contains(wanted.as_ref()) {
            found.push(
                Diagnostic::error(
                    "broken-anchor",
                    format!("the link goes to `#{wanted}` on {path}, but that page has no such heading"),
                )
                .in_source(&anchor.source)
                .at(anchor.pos)
                .hint("headings become anchors in lowercase without ä and ö: “Hyvät käytännöt” is #hyvat-kaytannot"),
            );
        }
    }
    found
}

/// Every `id="…"` in a page hanke rendered (attribute values are always quoted).
fn ids_in(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|id| id.replace("&amp;", "&"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_from_attributes() {
        let ids = ids_in(r#"<h2 id="tausta">x</h2><section aria-labelledby="y"><h2 id="sec-y">"#);
        assert_eq!(
            ids,
            HashSet::from(["tausta".to_string(), "sec-y".to_string()])
        );
    }
}
