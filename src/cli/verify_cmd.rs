//! Placeholder until this command lands.

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {}

pub fn run(_data_dir: &crate::config::DataDir, _args: &VerifyArgs) -> anyhow::Result<()> {
    anyhow::bail!("this command is not built yet")
}
