//! `hanke init` and `hanke new`.

use std::path::Path;

use super::{EXIT_CONTENT, EXIT_OK};
use crate::cli::New;
use crate::scaffold;

/// Today, or the day SOURCE_DATE_EPOCH names (for reproducible files and tests).
fn today() -> jiff::civil::Date {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    crate::today(None, epoch.as_deref()).unwrap_or_else(|_| jiff::ZonedDateTime::now().date())
}

pub fn init(dir: &Path) -> u8 {
    let today = today();
    match scaffold::init(dir, today) {
        Ok(files) => {
            for f in files {
                eprintln!("created {}", f.display());
            }
            eprintln!("Next: cd {} && hanke serve", dir.display());
            EXIT_OK
        }
        Err(e) => fail(&e),
    }
}

pub fn run(what: New) -> u8 {
    let today = today();
    let result = match what {
        New::Project { slug, root } => scaffold::new_project(&root, &slug, today).map(|p| vec![p]),
        New::GoodPractice {
            project,
            slug,
            root,
        } => scaffold::new_good_practice(&root, &project, &slug),
        New::News {
            slug,
            project,
            root,
        } => scaffold::new_news(&root, project.as_deref(), &slug, today),
    };
    match result {
        Ok(files) => {
            for f in files {
                eprintln!("created {}", f.display());
            }
            eprintln!("Fill in the fields, then see the page with: hanke serve");
            EXIT_OK
        }
        Err(e) => fail(&e),
    }
}

fn fail(e: &scaffold::ScaffoldError) -> u8 {
    eprintln!("error: {e}");
    EXIT_CONTENT
}
