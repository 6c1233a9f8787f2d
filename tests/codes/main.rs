//! Code payload tests: EU DCC, resident passes, the verifier, the CLI, properties.
//! One test binary per concern: linking the whole app into one binary per file cost
//! minutes and gigabytes in CI.

#[path = "../cli_support/mod.rs"]
mod cli_support;
#[path = "../codes_support/mod.rs"]
mod codes_support;

mod cli;
mod dcc;
mod dcc_conformance;
mod fuzz_found;
mod pass;
mod props;
mod verifier;
