//! egui screens (being written).

use crate::config::DataDir;

#[derive(Debug, Default, clap::Args)]
pub struct RunArgs {}

pub fn run_app(_data_dir: &DataDir, _args: &RunArgs) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
