//! Integration tests: one binary, a fixture folder per case under tests/fixtures/.

mod build;
mod check;
mod cli;
mod contacts;
mod determinism;
mod errors;
mod example;
mod funding;
mod i18n;
mod metadata;
mod news;
mod pagination;
mod scaffold;
mod search;
mod serve;
mod session;
mod statement;
mod stop;
mod support;
mod taxonomy;
