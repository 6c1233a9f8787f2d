//! Pulling other kiosks' repeat keys (keyed hashes, plates, time and place; never a record) of
//! the repeat window into the local store, where the gate's repeat look-up finds them.
//!
//! The cursor is the server's `seq`: pushes are serialised by an advisory lock, so rows become
//! visible in `seq` order and nothing committed later can appear below the cursor.
//!
//! Nothing pulled is trusted (issue 24): the server cuts every text and hash to a few bytes more
//! than allowed before sending it, so a page is at most `PAGE_ROWS` rows of at most
//! `MAX_ROW_BYTES` each; each row is decoded with checked conversions (`decode`), and a row that
//! fails is skipped and counted, the cursor moving past it.

use super::Session;
use super::decode::{self, KeyColumns, PullWindow, Wire};
use crate::district::DistrictError;
use crate::model::EntryId;
use crate::store::{RemoteRepeat, Store};

/// Rows per page.
const PAGE_ROWS: i64 = 1_000;
/// The most one pulled key row can weigh on the wire: the seq, uuid and time, two names of 65
/// characters (4 bytes each at most), two hashes of 33 bytes, a plate of 17 characters.
pub const MAX_ROW_BYTES: usize = 8 + 16 + 8 + 2 * 65 * 4 + 2 * 33 + 17 * 4;
/// The most one page can weigh: ~0.7 MB.
pub const MAX_PAGE_BYTES: usize = MAX_ROW_BYTES * PAGE_ROWS as usize;

const ENTRY_CURSOR: &str = "pull_entry_seq";
const VOID_CURSOR: &str = "pull_void_seq";

/// Every column cut server-side to one character (or byte) more than a valid row holds, so an
/// over-long value is still recognised and refused here without ever being sent whole.
const PAGE_SQL: &str = "SELECT seq, entry_uuid, left(checkpoint_id, 65), left(gate, 65),
        recorded_at, substring(code_hash FROM 1 FOR 33), substring(document_hash FROM 1 FOR 33),
        left(plate, 17)
    FROM repeat_key WHERE seq > $1 AND recorded_at >= $2 ORDER BY seq LIMIT $3";

/// What one pull brought.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pulled {
    /// Keys stored.
    pub keys: u64,
    /// Rows refused (undecodable, out of the window or in the future, bad hash or plate).
    pub rejected: u64,
}

/// Pulls every new key since the cursors.
pub fn pull_all(
    store: &mut Store,
    session: &mut Session,
    window: &PullWindow,
) -> Result<Pulled, DistrictError> {
    let first_void_pull = store.sync_state(VOID_CURSOR)?.is_none();
    if first_void_pull {
        // Keys pulled from now on already leave voided entries out; later voids come by cursor.
        let latest: i64 = session
            .client
            .query_one("SELECT coalesce(max(seq), 0)::int8 FROM repeat_void", &[])?
            .try_get(0)?;
        store.set_sync_state(&[(VOID_CURSOR, latest.to_string())])?;
    }
    let mut cursor = start_cursor(store, session, window)?;
    let mut pulled = Pulled::default();
    loop {
        let rows = session
            .client
            .query(PAGE_SQL, &[&cursor, &window.since, &PAGE_ROWS])?;
        let Some(last) = rows.last() else { break };
        let page_end = decode::int8(wire(last, 0)?.ok_or_else(bad_seq)?).map_err(|_| bad_seq())?;
        let mut keys: Vec<RemoteRepeat> = Vec::with_capacity(rows.len());
        for row in &rows {
            match key_columns(row).map(|columns| decode::decode_key(&columns, window)) {
                Ok(Ok(key)) => keys.push(key),
                _ => pulled.rejected = pulled.rejected.saturating_add(1),
            }
        }
        store.add_remote_repeats(&keys, (ENTRY_CURSOR, page_end.to_string()), window.since)?;
        pulled.keys = pulled.keys.saturating_add(keys.len() as u64);
        if page_end <= cursor {
            break;
        }
        cursor = page_end;
    }
    pull_voids(store, session)?;
    Ok(pulled)
}

fn bad_seq() -> DistrictError {
    DistrictError::Server {
        detail: "a pulled row has no sequence number".to_owned(),
    }
}

/// One column's wire bytes; a column the row does not have is a server error.
fn wire(row: &postgres::Row, index: usize) -> Result<Option<&[u8]>, DistrictError> {
    row.try_get::<_, Option<Wire>>(index)
        .map(|value| value.map(|wire| wire.0))
        .map_err(DistrictError::from)
}

fn key_columns(row: &postgres::Row) -> Result<KeyColumns<'_>, DistrictError> {
    Ok(KeyColumns {
        entry_uuid: wire(row, 1)?,
        checkpoint_id: wire(row, 2)?,
        gate: wire(row, 3)?,
        recorded_at: wire(row, 4)?,
        code_hash: wire(row, 5)?,
        document_hash: wire(row, 6)?,
        plate: wire(row, 7)?,
    })
}

/// Where to continue: the saved cursor, or (first pull, or a kiosk back after days) the first
/// row of the repeat window, so old history is never walked.
fn start_cursor(
    store: &Store,
    session: &mut Session,
    window: &PullWindow,
) -> Result<i64, DistrictError> {
    let saved = store
        .sync_state(ENTRY_CURSOR)?
        .and_then(|text| text.parse::<i64>().ok())
        .unwrap_or(0);
    let window_start: Option<i64> = session
        .client
        .query_one(
            "SELECT (min(seq) - 1)::int8 FROM repeat_key WHERE recorded_at >= $1",
            &[&window.since],
        )?
        .try_get(0)?;
    let start = match window_start {
        Some(start) => start,
        // Nothing recent on the server: everything there now is too old to matter.
        None => session
            .client
            .query_one("SELECT coalesce(max(seq), 0)::int8 FROM repeat_key", &[])?
            .try_get(0)?,
    };
    Ok(saved.max(start))
}

/// Voids by cursor: each names its entry and the checkpoint that voided it, so a kiosk voiding
/// its own copy of another's entry id removes nobody else's key.
fn pull_voids(store: &mut Store, session: &mut Session) -> Result<(), DistrictError> {
    let mut cursor = store
        .sync_state(VOID_CURSOR)?
        .and_then(|text| text.parse::<i64>().ok())
        .unwrap_or(0);
    loop {
        let rows = session.client.query(
            "SELECT seq, entry_uuid, left(checkpoint_id, 65) FROM repeat_void
             WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&cursor, &PAGE_ROWS],
        )?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        let last = decode::int8(wire(last, 0)?.ok_or_else(bad_seq)?).map_err(|_| bad_seq())?;
        let mut voided: Vec<(EntryId, String)> = Vec::with_capacity(rows.len());
        for row in &rows {
            let uuid = wire(row, 1)?.map(decode::uuid);
            let checkpoint = wire(row, 2)?.and_then(|bytes| std::str::from_utf8(bytes).ok());
            if let (Some(Ok(uuid)), Some(checkpoint)) = (uuid, checkpoint) {
                let checkpoint =
                    crate::model::plain_text::clean_text(checkpoint, decode::MAX_NAME_CHARS);
                voided.push((EntryId(uuid), checkpoint));
            }
        }
        store.forget_remote_repeats(&voided, (VOID_CURSOR, last.to_string()))?;
        if last <= cursor {
            return Ok(());
        }
        cursor = last;
    }
}
