//! checkpoint-kiosk: the laptop at an epidemic checkpoint.
//!
//! Data flows one way: frame (`capture`) → scan event (`scan`) → verdict (`codes`) →
//! entry (`model`) → `store` → `report`. `ui` draws screens over that pipeline and `cli` is the
//! headless edge. See ARCHITECTURE.md.

pub mod alert;
pub mod app;
pub mod assets;
pub mod capture;
pub mod cli;
pub mod codes;
pub mod config;
pub mod desktop;
pub mod district;
pub mod gate;
pub mod model;
pub mod office;
pub mod plate;
pub mod report;
pub mod scan;
pub mod store;
pub mod sync;
pub mod text;
pub mod ui;
