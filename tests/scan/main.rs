//! Scanner tests: decoding and colour on generated scenes, the demo feed, the CLI.
//! One test binary per concern: linking the whole app into one binary per file cost
//! minutes and gigabytes in CI.

#[path = "../support_scene/mod.rs"]
mod support_scene;

mod cli;
mod corpus;
mod decode;
mod demo;
mod pictures;
mod speed;
