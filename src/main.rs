use std::process::ExitCode;

use clap::Parser;

// A build allocates and frees many short-lived strings on several threads at
// once; mimalloc does that a little faster than the system allocator, for a
// little more memory (see the README's Benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages, and the kernel zeroes each one
    // whole on its first touch and again after mimalloc returns part of it. A
    // build of 10,000 projects spent about a tenth of its CPU there; with 4 KiB
    // pages it spends a third less time in the kernel (see the README's Benchmarks).
    // Only speed depends on it, so a kernel that refuses is no one's concern.
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_thp_disable(true);
    let cli = hanke::cli::Cli::parse();
    // Stopped, the process leaves no half-written folder behind.
    let stopped = || {
        hanke::write::stop::abandon();
        eprintln!("Stopped.");
        std::process::exit(hanke::commands::EXIT_STOPPED.into());
    };
    if let Err(e) = ctrlc::set_handler(stopped) {
        eprintln!("warning: Ctrl+C may leave temporary folders behind: {e}");
    }
    let code = hanke::commands::run(cli.command);
    ExitCode::from(match hanke::write::stop::stopping() {
        true => hanke::commands::EXIT_STOPPED,
        false => code,
    })
}
