//! District sync tests (issue 12) against a real PostgreSQL started per test on loopback:
//! pushing, pulling, resuming, row-level security and the district's day report.

#[path = "../store_support/mod.rs"]
mod store_support;

#[path = "../cli_support/mod.rs"]
mod cli_support;

#[path = "../ui_support/mod.rs"]
mod ui_support;

mod cluster;
mod district;

mod decode_props;
mod gate_line;
mod hostile;
mod measure;
mod office;
mod office_browser;
mod office_support;
mod passes;
mod push;
mod repeats;
mod report;
mod security;
