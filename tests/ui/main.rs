//! UI flow tests driven through egui_kittest, by label.
//! One test binary per concern: linking the whole app into one binary per file cost
//! minutes and gigabytes in CI.

#[path = "../ui_support/mod.rs"]
mod ui_support;

mod code_verdicts;
mod first_flow;
mod gate_flows;
mod gate_loop;
mod hidden_window;
mod neighbours;
mod origin_paths;
mod passes;
mod setup;
mod shift_close;
mod unlock;
