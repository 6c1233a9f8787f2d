//! Passes across the district (issue 25): this kiosk's pass key and revocations go to the
//! server's `pass_share`; the other checkpoints' come back through `pass_share_feed`. Every item
//! is signed by its issuing key and checked here before it is kept
//! (`model::pass_share::accept`): a forged or altered item, or a revocation signed by a key the
//! district never shared, is refused and counted, never written. What is kept goes into the keys
//! folder's `pass-share-district.json`, which the gate's verifier reads.

use std::collections::HashSet;
use std::path::Path;

use crate::config::pass_files;
use crate::district::DistrictError;
use crate::model::pass_share::{Shared, SharedPassItem, accept};
use crate::store::Store;

use super::Session;

/// Rows read per query; the district's items are few (a key and some revocations per gate).
const PAGE_ROWS: i64 = 1_000;

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassShareCounts {
    /// Our items the server took (0 when nothing changed since the last push).
    pub pushed: u64,
    /// Other checkpoints' items newly kept.
    pub kept: u64,
    /// Items refused: forged, altered, or signed by an unknown key.
    pub refused: u64,
}

fn config_error(error: crate::config::ConfigError) -> DistrictError {
    DistrictError::Server {
        detail: format!("pass keys and revocations: {error}"),
    }
}

/// Pushes our items if they changed, then pulls what is new.
pub(crate) fn share_passes(
    store: &mut Store,
    session: &mut Session,
    keys_dir: &Path,
) -> Result<PassShareCounts, DistrictError> {
    let pushed = push_own(store, session, keys_dir)?;
    let (kept, refused) = pull(store, session, keys_dir)?;
    Ok(PassShareCounts {
        pushed,
        kept,
        refused,
    })
}

fn push_own(
    store: &mut Store,
    session: &mut Session,
    keys_dir: &Path,
) -> Result<u64, DistrictError> {
    let path = pass_files::own_path(keys_dir);
    let items = pass_files::read(&path).map_err(config_error)?;
    if items.is_empty() {
        return Ok(0);
    }
    let digest = {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        for item in &items {
            hasher.update(serde_json::to_vec(&item.to_wire()).unwrap_or_default());
        }
        format!(
            "{}:{}",
            session.district_id(),
            hex::encode(hasher.finalize())
        )
    };
    if store.sync_state("pass_share_pushed")?.as_deref() == Some(digest.as_str()) {
        return Ok(0);
    }
    let checkpoint_id = session.settings.checkpoint_id.clone();
    let mut transaction = session.client.transaction()?;
    let mut pushed = 0;
    for item in &items {
        let (kind, pass_id) = match &item.what {
            Shared::Key => ("key", ""),
            Shared::Revocation { pass_id } => ("revocation", pass_id.as_str()),
        };
        pushed += transaction.execute(
            "INSERT INTO pass_share (checkpoint_id, kind, public_key, pass_id, signed_at, signature)
             VALUES ($1, $2, $3, $4, to_timestamp($5::bigint), $6) ON CONFLICT DO NOTHING",
            &[
                &checkpoint_id,
                &kind,
                &item.public_key.as_slice(),
                &pass_id,
                &item.signed_at.timestamp(),
                &item.signature.as_slice(),
            ],
        )?;
    }
    transaction.commit()?;
    store.set_sync_state(&[("pass_share_pushed", digest)])?;
    Ok(pushed)
}

fn pull(
    store: &mut Store,
    session: &mut Session,
    keys_dir: &Path,
) -> Result<(u64, u64), DistrictError> {
    let cursor_name = format!("pass_share_seq:{}", session.district_id());
    let mut cursor: i64 = store
        .sync_state(&cursor_name)?
        .and_then(|text| text.parse().ok())
        .unwrap_or(0);
    let (mut kept, mut refused) = (0, 0);
    loop {
        let rows = session.client.query(
            "SELECT seq, kind, public_key, pass_id, signed_at, signature FROM pass_share_feed
             WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&cursor, &PAGE_ROWS],
        )?;
        let Some(last) = rows.last() else { break };
        cursor = last.try_get(0)?;
        let mut items = Vec::new();
        for row in &rows {
            match item_from_row(row) {
                Some(item) => items.push(item),
                None => refused += 1,
            }
        }
        let (new, bad) = keep(keys_dir, items)?;
        kept += new;
        refused += bad;
        store.set_sync_state(&[(cursor_name.as_str(), cursor.to_string())])?;
        if rows.len() < PAGE_ROWS as usize {
            break;
        }
    }
    Ok((kept, refused))
}

/// A row as an item; None when its columns cannot be one (the signature is checked later).
fn item_from_row(row: &postgres::Row) -> Option<SharedPassItem> {
    let kind: String = row.try_get(1).ok()?;
    let public_key: Vec<u8> = row.try_get(2).ok()?;
    let pass_id: String = row.try_get(3).ok()?;
    let signed_at: i64 = row.try_get(4).ok()?;
    let signature: Vec<u8> = row.try_get(5).ok()?;
    let what = match kind.as_str() {
        "key" => Shared::Key,
        "revocation" => Shared::Revocation { pass_id },
        _ => return None,
    };
    SharedPassItem::from_parts(what, &public_key, signed_at, &signature).ok()
}

/// Checks `items` against the keys we know (ours and the district's) and adds the good ones to
/// the district file; returns (newly kept, refused).
fn keep(keys_dir: &Path, items: Vec<SharedPassItem>) -> Result<(u64, u64), DistrictError> {
    let district = pass_files::district_path(keys_dir);
    let mut known: HashSet<[u8; 8]> = HashSet::new();
    for item in pass_files::read(&district)
        .map_err(config_error)?
        .into_iter()
        .chain(pass_files::read(&pass_files::own_path(keys_dir)).map_err(config_error)?)
    {
        if item.what == Shared::Key && item.check().is_ok() {
            known.insert(item.key_id());
        }
    }
    let (accepted, refused) = accept(known, items);
    let before = pass_files::read(&district).map_err(config_error)?.len();
    pass_files::add(&district, &accepted).map_err(config_error)?;
    let after = pass_files::read(&district).map_err(config_error)?.len();
    Ok((after.saturating_sub(before) as u64, refused.len() as u64))
}
