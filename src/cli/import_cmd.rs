//! `checkpoint-kiosk import FILE...`: merges other kiosks' JSON exports for the district view.
//! Importing a file twice changes nothing; same-UUID entries with different content are listed.

use std::path::PathBuf;

use crate::config::DataDir;
use crate::report::{ImportSummary, ImportedHashes, import_file};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// JSON files written by `checkpoint-kiosk export --format json`
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(data_dir: &DataDir, args: &ImportArgs) -> anyhow::Result<()> {
    let mut store = super::unlock::open_store(data_dir)?;
    let our_key_id = data_dir.pii_key()?.key_id();
    let our_checkpoint_id = data_dir.load_config()?.checkpoint_id;
    let mut conflicts = 0;
    for file in &args.files {
        let summary = import_file(&mut store, file, &our_key_id, &our_checkpoint_id)?;
        println!(
            "{}: {} added, {} already here, {} conflicting, {} unreadable",
            file.display(),
            summary.added,
            summary.unchanged,
            summary.conflicts.len(),
            summary.rejected.len()
        );
        for conflict in &summary.conflicts {
            println!(
                "  conflict {}: kept ours (recorded {} at {}), theirs differs (recorded {} at {})",
                conflict.entry_id,
                conflict.ours.recorded_at,
                conflict.ours.checkpoint_id,
                conflict.theirs.recorded_at,
                conflict.theirs.checkpoint_id
            );
        }
        if summary.conflicts_not_listed > 0 {
            println!(
                "  and {} more conflicts not listed",
                summary.conflicts_not_listed
            );
        }
        for rejected in &summary.rejected {
            let which = rejected
                .entry_id
                .map_or_else(|| "(no readable id)".to_owned(), |id| id.to_string());
            println!(
                "  not imported: entry {} {which}: {}",
                rejected.position, rejected.reason
            );
        }
        print_hashes(&summary);
        print_passes(data_dir, &summary)?;
        conflicts += summary.conflicts.len();
    }
    if conflicts > 0 {
        println!(
            "{conflicts} conflicting entries were not imported: ask the kiosks concerned which copy is right"
        );
    }
    Ok(())
}

/// Keeps the pass keys and revocations the file carried, once each signature checks (issue 25).
fn print_passes(data_dir: &DataDir, summary: &ImportSummary) -> anyhow::Result<()> {
    if summary.passes.in_file.is_empty() && summary.passes.refused == 0 {
        return Ok(());
    }
    let items = crate::codes::pass::share::import_wires(
        &data_dir.keys_dir(),
        &summary.passes.in_file,
        summary.passes.seal.as_deref(),
        &data_dir.pii_key()?,
    )?;
    let refused = summary
        .passes
        .refused
        .saturating_add(u64::try_from(items.refused).unwrap_or(u64::MAX));
    println!(
        "  {}",
        crate::text::passes::neighbour_file_items(crate::config::Language::En, items.kept, refused)
    );
    Ok(())
}

fn print_hashes(summary: &ImportSummary) {
    match &summary.hashes {
        ImportedHashes::NoneInFile => println!(
            "  no hashes in this file: its people are not recognised as repeats here (export with --for-neighbours)"
        ),
        ImportedHashes::Kept => {
            println!("  hashes kept: people checked there are recognised here as repeats");
        }
        ImportedHashes::OtherSecret { theirs, ours } => println!(
            "  hashes ignored: made with hashing secret {theirs}, ours is {ours}; \
             to recognise each other's repeats, share one secret (keys share-secret / keys join-secret)"
        ),
    }
}
