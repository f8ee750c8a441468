//! `hanke build`: render the site and write it atomically.

use std::time::Instant;

use super::{EXIT_CONTENT, EXIT_OK, failed, options, print};
use crate::cli::BuildArgs;

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
    let outcome = crate::render_site(&options);
    print(&outcome.diagnostics, &args.common);
    let rendered = match outcome.rendered {
        Some(r) if !failed(&outcome.diagnostics, args.common.strict) => r,
        _ => {
            eprintln!("The site was not built; {} is unchanged.", output.display());
            return EXIT_CONTENT;
        }
    };
    if let Err(e) = crate::write::write(&options.root, &output, &rendered) {
        eprintln!("error: {e}");
        eprintln!("The site was not built; {} is unchanged.", output.display());
        return EXIT_CONTENT;
    }
    let pages = rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    eprintln!(
        "Built {pages} pages and {} other files into {} in {} ms.",
        rendered.files.len() - pages + rendered.copies.len(),
        output.display(),
        started.elapsed().as_millis()
    );
    EXIT_OK
}
