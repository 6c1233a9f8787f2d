//! Pulling other kiosks' repeat keys (keyed hashes, plates, time and place; never a record) of
//! the repeat window into the local store, where the gate's repeat look-up finds them.
//!
//! The cursor is the server's `seq`: pushes are serialised by an advisory lock, so rows become
//! visible in `seq` order and nothing committed later can appear below the cursor.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Session;
use crate::district::DistrictError;
use crate::model::EntryId;
use crate::model::pii::KeyedHash;
use crate::store::{RemoteRepeat, Store};

const PAGE: i64 = 5_000;
const ENTRY_CURSOR: &str = "pull_entry_seq";
const VOID_CURSOR: &str = "pull_void_seq";

/// Pulls every new key since the cursors; returns how many keys arrived.
pub fn pull_all(
    store: &mut Store,
    session: &mut Session,
    since: DateTime<Utc>,
) -> Result<u64, DistrictError> {
    let first_void_pull = store.sync_state(VOID_CURSOR)?.is_none();
    if first_void_pull {
        // Keys pulled from now on already leave voided entries out; later voids come by cursor.
        let latest: i64 = session
            .client
            .query_one("SELECT coalesce(max(seq), 0) FROM repeat_void", &[])?
            .get(0);
        store.set_sync_state(&[(VOID_CURSOR, latest.to_string())])?;
    }
    let mut cursor = start_cursor(store, session, since)?;
    let mut pulled = 0u64;
    loop {
        let page_end: Option<i64> = session
            .client
            .query_one(
                "SELECT max(seq) FROM (SELECT seq FROM repeat_key WHERE seq > $1
                 ORDER BY seq LIMIT $2) page",
                &[&cursor, &PAGE],
            )?
            .get(0);
        let Some(page_end) = page_end else { break };
        let rows = session.client.query(
            "SELECT entry_uuid, checkpoint_id, gate, recorded_at, encode(code_hash, 'hex'),
                    encode(document_hash, 'hex'), plate
             FROM repeat_key
             WHERE seq > $1 AND seq <= $2 AND pushed_by <> session_user AND recorded_at >= $3",
            &[&cursor, &page_end, &since],
        )?;
        let keys: Vec<RemoteRepeat> = rows
            .iter()
            .map(|row| RemoteRepeat {
                entry_id: EntryId(row.get::<_, Uuid>(0)),
                checkpoint_id: row.get(1),
                gate: row.get(2),
                at: row.get(3),
                code_hash: row.get::<_, Option<String>>(4).map(KeyedHash::from_hex),
                document_hash: row.get::<_, Option<String>>(5).map(KeyedHash::from_hex),
                plate: row.get(6),
            })
            .collect();
        store.add_remote_repeats(&keys, (ENTRY_CURSOR, page_end.to_string()), since)?;
        pulled = pulled.saturating_add(keys.len() as u64);
        cursor = page_end;
    }
    pull_voids(store, session)?;
    Ok(pulled)
}

/// Where to continue: the saved cursor, or (first pull, or a kiosk back after days) the first
/// row of the repeat window, so old history is never walked.
fn start_cursor(
    store: &Store,
    session: &mut Session,
    since: DateTime<Utc>,
) -> Result<i64, DistrictError> {
    let saved = store
        .sync_state(ENTRY_CURSOR)?
        .and_then(|text| text.parse::<i64>().ok())
        .unwrap_or(0);
    let window_start: Option<i64> = session
        .client
        .query_one(
            "SELECT min(seq) - 1 FROM repeat_key WHERE recorded_at >= $1",
            &[&since],
        )?
        .get(0);
    let start = match window_start {
        Some(start) => start,
        // Nothing recent on the server: everything there now is too old to matter.
        None => session
            .client
            .query_one("SELECT coalesce(max(seq), 0) FROM repeat_key", &[])?
            .get(0),
    };
    Ok(saved.max(start))
}

fn pull_voids(store: &mut Store, session: &mut Session) -> Result<(), DistrictError> {
    let mut cursor = store
        .sync_state(VOID_CURSOR)?
        .and_then(|text| text.parse::<i64>().ok())
        .unwrap_or(0);
    loop {
        let rows = session.client.query(
            "SELECT seq, entry_uuid FROM repeat_void WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&cursor, &PAGE],
        )?;
        let Some(last) = rows.last().map(|row| row.get::<_, i64>(0)) else {
            return Ok(());
        };
        let voided: Vec<EntryId> = rows
            .iter()
            .map(|row| EntryId(row.get::<_, Uuid>(1)))
            .collect();
        store.forget_remote_repeats(&voided, (VOID_CURSOR, last.to_string()))?;
        cursor = last;
    }
}
