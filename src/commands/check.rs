//! `hanke check`: everything `build` checks, without writing.

use super::{EXIT_CONTENT, EXIT_OK, failed, options, print};
use crate::cli::CommonArgs;

pub fn run(args: &CommonArgs) -> u8 {
    let options = match options(args) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let outcome = crate::render_site(&options);
    print(&outcome.diagnostics, args);
    if failed(&outcome.diagnostics, args.strict) {
        EXIT_CONTENT
    } else {
        if outcome.diagnostics.is_empty() && args.format == crate::report::Format::Human {
            eprintln!("No problems found.");
        }
        EXIT_OK
    }
}
