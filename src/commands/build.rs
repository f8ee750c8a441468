//! `hanke build`: render the site and write it atomically.

use std::path::Path;
use std::time::Instant;

use super::{EXIT_CONTENT, EXIT_OK, failed, options, print};
use crate::cli::BuildArgs;
use crate::write::Staging;

pub fn run(args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let options = match options(&args.common) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    let staging = match Staging::new(&options.root, &output) {
        Ok(s) => s,
        Err(e) => return not_built(Some(&e.to_string()), &output),
    };
    let outcome = crate::build_site(&options, &staging);
    print(&outcome.diagnostics, &args.common);
    let rendered = match outcome.rendered {
        Some(r) if !failed(&outcome.diagnostics, args.common.strict) => r,
        _ => return not_built(None, &output),
    };
    let count = match staging.finish(&rendered.copies) {
        Ok(count) => count,
        Err(e) => return not_built(Some(&e.to_string()), &output),
    };
    crate::drop_later(rendered);
    eprintln!(
        "Built {} pages and {} other files into {} in {} ms.",
        count.pages,
        count.others,
        output.display(),
        started.elapsed().as_millis()
    );
    EXIT_OK
}

/// Says the output was left as it was, after `error` if the diagnostics did not say why.
fn not_built(error: Option<&str>, output: &Path) -> u8 {
    if let Some(error) = error {
        eprintln!("error: {error}");
    }
    eprintln!("The site was not built; {} is unchanged.", output.display());
    EXIT_CONTENT
}
