//! `hanke serve`: build, then serve the output folder on 127.0.0.1.

use super::{EXIT_CONTENT, failed, options, print};
use crate::cli::ServeArgs;

pub fn run(args: &ServeArgs) -> u8 {
    let options = match options(&args.common) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let output = options.root.join("public");
    let outcome = crate::render_site(&options);
    print(&outcome.diagnostics, &args.common);
    let Some(rendered) = outcome
        .rendered
        .filter(|_| !failed(&outcome.diagnostics, args.common.strict))
    else {
        eprintln!("The site has errors; fix them and run hanke serve again.");
        return EXIT_CONTENT;
    };
    if let Err(e) = crate::write::write(&options.root, &output, &rendered) {
        eprintln!("error: {e}");
        return EXIT_CONTENT;
    }
    match crate::serve::serve(&output, args.port) {
        Ok(()) => super::EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_CONTENT
        }
    }
}
