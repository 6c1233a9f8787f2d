//! Placeholder until this command lands.

#[derive(Debug, clap::Subcommand)]
pub enum KeysCommand {
    /// Not built yet
    List,
}

pub fn run(_data_dir: &crate::config::DataDir, _command: KeysCommand) -> anyhow::Result<()> {
    anyhow::bail!("this command is not built yet")
}
