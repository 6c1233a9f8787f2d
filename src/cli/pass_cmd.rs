//! Placeholder until this command lands.

#[derive(Debug, clap::Subcommand)]
pub enum PassCommand {
    /// Not built yet
    List,
}

pub fn run(_data_dir: &crate::config::DataDir, _command: PassCommand) -> anyhow::Result<()> {
    anyhow::bail!("this command is not built yet")
}
