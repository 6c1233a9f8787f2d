//! Report tests: shift reports, exports, imports.
//! One test binary per concern: linking the whole app into one binary per file cost
//! minutes and gigabytes in CI.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../store_support/mod.rs"]
mod store_support;

mod cli;
mod english;
mod export;
mod handover;
mod import;
mod shift;
mod trust;
