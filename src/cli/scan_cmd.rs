//! Placeholder until this command lands.

#[derive(Debug, clap::Args)]
pub struct ScanArgs {}

pub fn run(_args: &ScanArgs) -> anyhow::Result<()> {
    anyhow::bail!("this command is not built yet")
}
