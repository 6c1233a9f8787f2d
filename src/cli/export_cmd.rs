//! Placeholder until this command lands.

#[derive(Debug, clap::Args)]
pub struct ExportArgs {}

pub fn run(_data_dir: &crate::config::DataDir, _args: &ExportArgs) -> anyhow::Result<()> {
    anyhow::bail!("this command is not built yet")
}
