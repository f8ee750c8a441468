use std::process::ExitCode;

use clap::Parser;

// A build allocates and frees many short-lived strings on several threads at
// once; mimalloc does that with far less time in the allocator and the kernel
// than the system allocator (see the README's Benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = hanke::cli::Cli::parse();
    ExitCode::from(hanke::commands::run(cli.command))
}
