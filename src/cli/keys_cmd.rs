//! `checkpoint-kiosk keys`: the district's pass-signing key, the neighbours' keys we trust, and
//! the hashing secret a district's kiosks share to recognise each other's repeats.

use std::path::PathBuf;

use anyhow::Context;

use crate::codes::pass::{keys, payload::key_id};
use crate::config::{DataDir, check_outside_data_dir, read_shared_secret, write_shared_secret};

#[derive(Debug, clap::Subcommand)]
pub enum KeysCommand {
    /// Create the district's pass-signing key (refuses to replace an existing one)
    Init,
    /// Write our public key to a file for neighbouring checkpoints
    Export {
        /// Where to write the public key (PEM)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Trust a neighbouring checkpoint's public key for their passes
    Import {
        /// A public key file from `keys export`
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write this kiosk's hashing secret to a file for the district's other kiosks (copy it on a
    /// USB stick, then delete it)
    ShareSecret {
        /// Where to write the secret
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Use the hashing secret of another kiosk of the district, so each recognises the other's
    /// repeats
    JoinSecret {
        /// A file from `keys share-secret`
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

pub fn run(data_dir: &DataDir, command: KeysCommand) -> anyhow::Result<()> {
    let keys_dir = data_dir.keys_dir();
    match command {
        KeysCommand::Init => {
            let public = crate::codes::pass::init_signing_key(&keys_dir)?;
            audit(
                data_dir,
                "keys",
                &format!(
                    "pass-signing key created (key id {})",
                    hex::encode(key_id(&public))
                ),
            )?;
            println!(
                "created the pass-signing key {} (key id {}); back it up and keep it private",
                keys::signing_key_path(&keys_dir).display(),
                hex::encode(key_id(&public))
            );
        }
        KeysCommand::Export { out } => {
            let public = keys::load_signing_key(&keys_dir)?.verifying_key();
            std::fs::write(&out, keys::public_key_pem(&public))
                .with_context(|| format!("cannot write the public key to {}", out.display()))?;
            println!(
                "wrote public key {} (key id {})",
                out.display(),
                hex::encode(key_id(&public))
            );
        }
        KeysCommand::Import { file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let kid = keys::import_public_key(&keys_dir, &bytes, &file)?;
            audit(
                data_dir,
                "keys",
                &format!("neighbour's pass key trusted (key id {})", hex::encode(kid)),
            )?;
            println!("now trusting passes signed by key id {}", hex::encode(kid));
        }
        KeysCommand::ShareSecret { out } => {
            check_outside_data_dir(&out, data_dir)?;
            let key = data_dir.pii_key()?;
            write_shared_secret(&out, &key)?;
            audit(
                data_dir,
                "keys",
                &format!("hashing secret {} written to a file", key.key_id()),
            )?;
            println!(
                "wrote hashing secret {} (key id {}); copy it to the district's kiosks with `keys join-secret`, then delete it",
                out.display(),
                key.key_id()
            );
        }
        KeysCommand::JoinSecret { file } => {
            let key = read_shared_secret(&file)?;
            let old = data_dir.join_shared_secret(&key)?;
            audit(
                data_dir,
                "keys",
                &format!("hashing secret {} joined (was {old})", key.key_id()),
            )?;
            println!(
                "now hashing with secret {} (was {old}, kept as {}); entries saved before keep their old hashes",
                key.key_id(),
                data_dir.previous_secret_path().display()
            );
        }
    }
    Ok(())
}

/// An audit line for a key change (key ids only, never a secret or a person), in the database when there is one
/// (a key made before the first start has no database to note it in yet; creating one here
/// would keep the first start from asking for its passphrase).
fn audit(data_dir: &DataDir, action: &str, detail: &str) -> anyhow::Result<()> {
    let database = data_dir.database_path();
    if crate::store::file_state(&database)? == crate::store::FileState::New {
        return Ok(());
    }
    super::unlock::open_store(data_dir)?.record_audit(action, detail, chrono::Utc::now())?;
    Ok(())
}
