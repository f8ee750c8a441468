//! `hanke check`: everything `build` checks, without writing; with
//! `--external`, also every web address the content links to.

use super::{EXIT_CONTENT, EXIT_OK, failed, options, print};
use crate::cli::CheckArgs;

pub fn run(args: &CheckArgs) -> u8 {
    let common = &args.common;
    let options = match options(common) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut outcome = crate::check_site(&options);
    if args.external {
        outcome
            .diagnostics
            .extend(crate::check::external(&outcome.web_links, &options.root));
        crate::diagnostic::sort(&mut outcome.diagnostics);
    }
    print(&outcome.diagnostics, common);
    if failed(&outcome.diagnostics, common.strict) {
        EXIT_CONTENT
    } else {
        if outcome.diagnostics.is_empty() && common.format == crate::report::Format::Human {
            eprintln!("No problems found.");
        }
        EXIT_OK
    }
}
