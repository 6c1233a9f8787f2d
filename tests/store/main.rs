//! Storage tests: the SQLite file, entries, shifts, the store worker thread.
//! One test binary per concern: linking the whole app into one binary per file cost
//! minutes and gigabytes in CI.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../store_support/mod.rs"]
mod store_support;

mod crash;
mod encryption;
mod entries;
mod file;
mod shifts;
mod trust;
mod worker;
