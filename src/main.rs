use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = hanke::cli::Cli::parse();
    ExitCode::from(hanke::commands::run(cli.command))
}
