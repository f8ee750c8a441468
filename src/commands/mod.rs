//! One small file of glue per subcommand. Exit codes live here, in one table.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;

use std::io::IsTerminal;

use crate::Options;
use crate::cli::{Command, CommonArgs};
use crate::diagnostic::Diagnostic;
use crate::report;

/// Everything went fine (warnings allowed unless `--strict`).
pub const EXIT_OK: u8 = 0;
/// The content has errors (or warnings under `--strict`), or writing failed.
pub const EXIT_CONTENT: u8 = 1;
/// The command line was wrong.
pub const EXIT_USAGE: u8 = 2;
/// Stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).
pub const EXIT_STOPPED: u8 = 130;

pub fn run(command: Command) -> u8 {
    match command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Init { dir } => new::init(&dir),
        Command::New(what) => new::run(what),
    }
}

fn options(args: &CommonArgs) -> Result<Options, u8> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let today = crate::today(args.today, epoch.as_deref()).map_err(|e| {
        eprintln!("error: {e}");
        EXIT_USAGE
    })?;
    Ok(Options {
        root: args.root.clone(),
        base_url: args.base_url.clone(),
        today,
    })
}

/// Prints diagnostics to stderr (JSON and GitHub formats to stdout, for tools).
fn print(diagnostics: &[Diagnostic], args: &CommonArgs) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = report::render(diagnostics, args.format, color);
    if text.is_empty() {
        return;
    }
    match args.format {
        report::Format::Human => eprint!("{text}"),
        _ => print!("{text}"),
    }
}

/// Whether the diagnostics fail the run.
fn failed(diagnostics: &[Diagnostic], strict: bool) -> bool {
    diagnostics.iter().any(|d| d.is_error() || strict)
}
