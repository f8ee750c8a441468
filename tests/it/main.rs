//! Integration tests: one binary, a fixture folder per case under tests/fixtures/.

mod build;
mod cli;
mod determinism;
mod errors;
mod example;
mod statement;
mod support;
