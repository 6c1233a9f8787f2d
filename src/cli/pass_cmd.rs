//! `checkpoint-kiosk pass`: issue printable passes, revoke them, list the issued ones.

use std::path::PathBuf;

use chrono::{SecondsFormat, Utc};
use serde_json::json;

use crate::codes::pass::{self, PassKind, PassRequest, card, register};
use crate::config::DataDir;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    Resident,
    Worker,
    Vehicle,
}

#[derive(Debug, clap::Subcommand)]
pub enum PassCommand {
    /// Sign a new pass and draw it as a printable PNG
    Issue {
        /// Holder's name
        #[arg(long)]
        holder: String,
        /// Building-unit-room, e.g. 3-2-501
        #[arg(long)]
        unit: String,
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Plate, for a vehicle pass
        #[arg(long, required_if_eq("kind", "vehicle"))]
        plate: Option<String>,
        /// Days the pass is valid from now
        #[arg(long)]
        days: u32,
        /// Where to write the PNG card
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
        /// Print {"id", "payload", "file"} as JSON
        #[arg(long)]
        json: bool,
    },
    /// Revoke a pass by its id
    Revoke {
        #[arg(value_name = "ID")]
        id: String,
    },
    /// List the passes issued here
    List,
}

pub fn run(data_dir: &DataDir, command: PassCommand) -> anyhow::Result<()> {
    let keys_dir = data_dir.keys_dir();
    match command {
        PassCommand::Issue {
            holder,
            unit,
            kind,
            plate,
            days,
            out,
            json,
        } => {
            let kind = match kind {
                KindArg::Resident => PassKind::Resident,
                KindArg::Worker => PassKind::Worker,
                KindArg::Vehicle => PassKind::Vehicle {
                    plate: plate.unwrap_or_default(),
                },
            };
            let request = PassRequest {
                holder,
                unit,
                kind,
                valid_days: days,
            };
            let now = Utc::now();
            let (body, payload) = pass::sign(&keys_dir, &request, now)?;
            let checkpoint_name = data_dir.load_config()?.checkpoint_name;
            card::save_png(
                &body,
                &payload,
                &checkpoint_name,
                &crate::text::passes::CARD,
                &out,
            )?;
            // Only a pass whose card exists goes into the register.
            pass::record(&keys_dir, &body, now)?;
            if json {
                println!(
                    "{}",
                    json!({"id": body.pass_id, "payload": payload, "file": out.display().to_string()})
                );
            } else {
                println!(
                    "issued pass {} valid to {}; card written to {}",
                    body.pass_id,
                    body.valid_to.to_rfc3339(),
                    out.display()
                );
            }
        }
        PassCommand::Revoke { id } => {
            if register::revoke(&keys_dir, &id, Utc::now())? {
                println!("revoked pass {}", id.trim());
            } else {
                println!("pass {} was already revoked", id.trim());
            }
        }
        PassCommand::List => {
            let revoked = register::load_revoked(&keys_dir)?;
            for issued in register::load_register(&keys_dir)? {
                let line = json!({
                    "id": issued.pass_id,
                    "holder": issued.holder_masked,
                    "unit": issued.unit,
                    "kind": issued.kind,
                    "plate": issued.plate,
                    "valid_from": issued.valid_from.to_rfc3339_opts(SecondsFormat::Secs, true),
                    "valid_to": issued.valid_to.to_rfc3339_opts(SecondsFormat::Secs, true),
                    "revoked": revoked.contains(&issued.pass_id),
                });
                println!("{line}");
            }
        }
    }
    Ok(())
}
