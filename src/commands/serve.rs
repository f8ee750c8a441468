//! `hanke serve`: build, serve on 127.0.0.1, rebuild and reload on every edit.

use std::sync::Arc;

use super::{EXIT_CONTENT, EXIT_OK, options, print};
use crate::cli::ServeArgs;

pub fn run(args: &ServeArgs) -> u8 {
    let options = match options(&args.common) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let common = args.common.clone();
    let report =
        Arc::new(move |diagnostics: &[crate::diagnostic::Diagnostic]| print(diagnostics, &common));
    match crate::serve::serve(options, args.bind, args.port, report) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_CONTENT
        }
    }
}
