//! Checks that need the whole site: every link to a heading (`#tavoitteet`)
//! must find an element with that id in the rendered page, whether the theme or
//! the Markdown made it; and, on request, every web address must answer.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use crate::content::markdown::LinkAt;
use crate::content::urls;
use crate::diagnostic::Diagnostic;
use crate::render::Rendered;

/// The code of a broken link to a heading, which every render checks anew.
pub const BROKEN_ANCHOR: &str = "broken-anchor";

/// Broken links to headings, each at the line where the link was written in
/// its file under `root`.
pub fn anchors(
    links: &[Arc<[LinkAt]>],
    rendered: &Rendered,
    base_path: &str,
    root: &Path,
) -> Vec<Diagnostic> {
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut found = Vec::new();
    for (anchor, file) in targets(links, base_path) {
        let (path, fragment) = anchor
            .url
            .split_once('#')
            .expect("internal links checked later have a fragment");
        let Some(html) = rendered.file(&file).map(|f| f.bytes.as_slice()) else {
            continue; // a missing page is reported when the link is resolved
        };
        let page_ids = ids
            .entry(file.clone())
            .or_insert_with(|| ids_in(&String::from_utf8_lossy(html)));
        let wanted = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        if !wanted.is_empty() && !page_ids.contains(wanted.as_ref()) {
            found.push(
                Diagnostic::error(
                    BROKEN_ANCHOR,
                    format!("the link goes to `#{wanted}` on {path}, but that page has no such heading"),
                )
                .in_file_on_disk(root, &anchor.file)
                .at(anchor.pos)
                .hint("a heading's id is its text in lowercase without ä and ö: “Hyvät käytännöt” is #hyvat-kaytannot"),
            );
        }
    }
    found
}

/// The output files that links to headings point into: the files `anchors`
/// reads, so a build must keep them until it has checked.
pub fn anchor_targets(links: &[Arc<[LinkAt]>], base_path: &str) -> HashSet<String> {
    targets(links, base_path).map(|(_, file)| file).collect()
}

/// Each link to a heading on the site, with the output file it points into.
fn targets<'a>(
    links: &'a [Arc<[LinkAt]>],
    base_path: &'a str,
) -> impl Iterator<Item = (&'a LinkAt, String)> + 'a {
    (links.iter().flat_map(|page| page.iter()))
        .filter(|l| l.url.starts_with('/'))
        .map(move |link| {
            let path = link.url.split('#').next().unwrap_or_default();
            let file = urls::output_file(path.strip_prefix(base_path).unwrap_or(path));
            (link, file)
        })
}

/// Web addresses that do not answer or answer with an error (`check --external`),
/// each at the line where it was written in its file under `root`. Each
/// address is fetched once.
pub fn external(links: &[Arc<[LinkAt]>], root: &Path) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(15)))
        .http_status_as_error(false)
        .user_agent("hanke link checker")
        .build()
        .into();
    let links = || links.iter().flat_map(|page| page.iter());
    let mut urls: Vec<&str> = links()
        .map(|l| l.url.as_str())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .collect();
    urls.sort_unstable();
    urls.dedup();
    let results: HashMap<&str, Option<String>> = urls
        .par_iter()
        .map(|url| (*url, problem(&agent, url)))
        .collect();
    links()
        .filter_map(|l| {
            let problem = results.get(l.url.as_str())?.as_ref()?;
            Some(
                Diagnostic::error("broken-external-link", format!("{} {problem}", l.url))
                    .in_file_on_disk(root, &l.file)
                    .at(l.pos)
                    .hint("check the address in a browser; if the page moved, link to its new address"),
            )
        })
        .collect()
}

/// What is wrong with a web address, if anything. HEAD first; some servers
/// only answer GET.
fn problem(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status =
        |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| r.map(|r| r.status().as_u16());
    let mut answer = status(agent.head(url).call());
    if matches!(answer, Ok(405 | 403 | 501)) {
        answer = status(agent.get(url).call());
    }
    match answer {
        Ok(code) if code < 400 => None,
        Ok(code) => Some(format!("answers with HTTP status {code}")),
        Err(e) => Some(format!("cannot be reached: {e}")),
    }
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
