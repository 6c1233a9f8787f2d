//! The district office's web pages (issue 27): `district serve` shows every gate of the district
//! live from the district's PostgreSQL — Today (totals, per-gate rows with their last sync, the
//! silent-gate alarm), Hours, Exceptions (masked values only) and the day report (printable
//! HTML and XLSX, the same figures as `district report`).
//!
//! axum on tokio, server-rendered HTML, one small polling script and Apache ECharts (vendored
//! under `assets/echarts/`, no CDN). Database work runs on tokio's blocking threads through the
//! synchronous `postgres` client (`pool`), so the day report is `district::report` itself.
//! Accounts are the office's viewers (`accounts`: argon2 hashes and every login in PostgreSQL);
//! sessions live in the server's memory (`sessions`). No egui here.

mod accounts;
mod error;
mod pages;
mod pool;
mod server;
mod sessions;
mod sql;

pub use accounts::{LoginOutcome, add_viewer};
pub use error::OfficeError;
pub use server::{OfficeSettings, serve};
