//! The command line: what each subcommand takes, with examples in its help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;

use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "hanke",
    version,
    about = "Build accessible websites for publicly funded projects from Markdown",
    after_help = "Examples:\n  hanke build                      build the site in this folder into public/\n  hanke build --base-url https://example.github.io/hankkeet/\n  hanke check --format github      check everything, report for GitHub Actions\n  hanke serve                      preview at http://127.0.0.1:8000/"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    #[command(
        after_help = "Examples:\n  hanke build\n  hanke build --root sites/hankkeet --output dist\n  hanke build --strict --format json   fail on warnings too; JSON for CI"
    )]
    Build(BuildArgs),
    /// Check every page without writing anything.
    #[command(
        after_help = "Examples:\n  hanke check\n  hanke check --format github\n  hanke check --external   also fetch every web address the pages link to"
    )]
    Check(CheckArgs),
    /// Build, then serve the site on 127.0.0.1 and rebuild when files change.
    #[command(
        after_help = "Examples:\n  hanke serve\n  hanke serve --port 8080\n  hanke serve --bind 0.0.0.0   let other devices in the network connect"
    )]
    Serve(ServeArgs),
    /// Start a new site: site.yaml, an example project and a CI workflow.
    #[command(after_help = "Examples:\n  hanke init hankkeet\n  cd hankkeet && hanke serve")]
    Init {
        /// The folder to create the site in.
        #[arg(default_value = ".", value_name = "DIR")]
        dir: PathBuf,
    },
    /// Start a new project, good practice or news item from a file that explains every field.
    #[command(subcommand)]
    New(New),
}

#[derive(Debug, Subcommand)]
pub enum New {
    /// Create content/projects/SLUG.md.
    #[command(after_help = "Examples:\n  hanke new project sointu")]
    Project {
        /// The project's name in web addresses: lowercase a–z, digits and hyphens.
        slug: String,
        /// The site's folder, where site.yaml is.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Create content/projects/PROJECT/good-practices/SLUG.md.
    #[command(after_help = "Examples:\n  hanke new good-practice tukena asiakasraati")]
    GoodPractice {
        /// The project that developed the practice.
        project: String,
        /// The practice's name in web addresses.
        slug: String,
        /// The site's folder, where site.yaml is.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Create content/news/SLUG.md, or with --project the project's own news item.
    #[command(
        after_help = "Examples:\n  hanke new news sivusto-avattu\n  hanke new news --project tukena loppuseminaari"
    )]
    News {
        /// The item's name in web addresses.
        slug: String,
        /// The project the item is about: it goes in the project's folder, on
        /// its page and in its feed.
        #[arg(long, value_name = "PROJECT")]
        project: Option<String>,
        /// The site's folder, where site.yaml is.
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
}

#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// The site's folder, where site.yaml is.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The site's address, overriding base_url in site.yaml (for preview deploys).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Compute project statuses for this day (YYYY-MM-DD) instead of today.
    /// SOURCE_DATE_EPOCH is honoured when this is not given.
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Also check that every web address the content links to answers (needs the network).
    #[arg(long)]
    pub external: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Where to write the site [default: public/ in the site's folder].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Port to listen on; the next free one is used if it is taken.
    #[arg(long, short, default_value_t = 8000)]
    pub port: u16,
    /// The address to listen on. Only this machine can connect unless you choose
    /// another (e.g. 0.0.0.0 to preview on a phone in the same network).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub bind: std::net::IpAddr,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
