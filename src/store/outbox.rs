//! The store's side of the district sync (issue 12): the outbox of changes the district's
//! PostgreSQL has not acknowledged, the repeat keys pulled from other kiosks, and the sync's
//! small state (pull cursors, which server they belong to).
//!
//! The outbox is filled by triggers (schema step 2), so every way of saving, voiding or opening a
//! shift queues its change in the same transaction: nothing saved can be missed by the sync, and
//! a crash between "saved" and "queued" cannot happen. Acknowledged items are deleted only after
//! the server committed them; pushing is idempotent (keyed by entry UUID), so an item sent twice
//! (a crash after the server's commit, before ours) changes nothing.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::codec;
use super::read::{SELECT_ENTRY, stored_entry};
use super::tally::{FACTS_SQL, Facts};
use super::{Store, StoreError, StoredEntry};
use crate::model::RepeatHit;
use crate::model::pii::KeyedHash;
use crate::model::{EntryId, Shift};

/// The counted facts of an entry, as the local reports count them (see `tally`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryFacts {
    /// 0 person, 1 vehicle.
    pub kind: i16,
    /// 0 in, 1 out.
    pub direction: i16,
    /// 0 green, 1 yellow, 2 red, 3 unknown (vehicles: unknown).
    pub colour: i16,
    pub fever: bool,
    /// 0 pass, 1 deny, 2 refer, 3 divert.
    pub decision: i16,
    pub repeat: bool,
}

impl EntryFacts {
    fn from_packed(packed: i64) -> Self {
        let facts = Facts::unpack(packed);
        // Every field is masked to at most two bits by `unpack`: the casts cannot truncate.
        Self {
            kind: facts.kind as i16,
            direction: facts.direction as i16,
            colour: facts.colour as i16,
            fever: facts.fever,
            decision: facts.decision as i16,
            repeat: facts.repeat,
        }
    }
}

/// One change waiting for the server.
#[derive(Debug, Clone, PartialEq)]
pub enum OutboxItem {
    Entry {
        entry: Box<StoredEntry>,
        facts: EntryFacts,
    },
    Void {
        entry_id: EntryId,
        checkpoint_id: String,
        reason: String,
        operator: String,
        at: DateTime<Utc>,
    },
    Shift(Shift),
    /// Entries of this kiosk recorded before `cutoff` were deleted by retention.
    Purge {
        cutoff: DateTime<Utc>,
    },
    /// Deleted here since it was queued (a purge came first): nothing to send.
    Gone,
}

/// An outbox item with its place in the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct Queued {
    pub outbox_id: i64,
    pub item: OutboxItem,
}

/// A repeat key another kiosk pushed: keyed hashes and the plate only, never a plain value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteRepeat {
    pub entry_id: EntryId,
    pub at: DateTime<Utc>,
    pub checkpoint_id: String,
    pub gate: String,
    pub code_hash: Option<KeyedHash>,
    pub document_hash: Option<KeyedHash>,
    pub plate: Option<String>,
}

const SELECT_VOID: &str = "SELECT e.entry_uuid, c.checkpoint_id, v.reason, v.operator, v.at_ms
    FROM void v
    JOIN entry e ON e.entry_key = v.entry_key
    JOIN checkpoint c ON c.checkpoint_key = e.checkpoint_key
    WHERE v.entry_key = ?1";

impl Store {
    /// How many changes wait for the server.
    pub fn sync_pending(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM sync_outbox", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|count| count.max(0) as u64)
            .map_err(|error| self.sqlite_error(&error))
    }

    /// The oldest `limit` waiting changes, in the order they happened.
    pub fn sync_outbox(&self, limit: usize) -> Result<Vec<Queued>, StoreError> {
        let sqlite = |error: rusqlite::Error| self.sqlite_error(&error);
        let queue: Vec<(i64, String, i64)> = {
            let mut statement = self
                .conn
                .prepare_cached(
                    "SELECT outbox_id, item, ref FROM sync_outbox ORDER BY outbox_id LIMIT ?1",
                )
                .map_err(sqlite)?;
            let rows = statement
                .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                })
                .map_err(sqlite)?;
            rows.collect::<rusqlite::Result<_>>().map_err(sqlite)?
        };
        queue
            .into_iter()
            .map(|(outbox_id, item, reference)| {
                Ok(Queued {
                    outbox_id,
                    item: self.outbox_item(&item, reference)?,
                })
            })
            .collect()
    }

    fn outbox_item(&self, item: &str, reference: i64) -> Result<OutboxItem, StoreError> {
        let found = match item {
            "entry" => self.queued_entry(reference)?,
            "void" => self.queued_void(reference)?,
            "shift" => self.shift(reference)?.map(OutboxItem::Shift),
            "purge" => Some(OutboxItem::Purge {
                cutoff: codec::time_from_ms(reference)?,
            }),
            other => {
                return Err(StoreError::BadValue(format!(
                    "unknown sync outbox item “{other}”"
                )));
            }
        };
        Ok(found.unwrap_or(OutboxItem::Gone))
    }

    fn queued_entry(&self, entry_key: i64) -> Result<Option<OutboxItem>, StoreError> {
        let sql = format!("{SELECT_ENTRY} WHERE e.entry_key = ?1");
        let entry = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut statement| {
                statement
                    .query_row([entry_key], |row| Ok(stored_entry(row)))
                    .optional()
            })
            .map_err(|error| self.sqlite_error(&error))?
            .transpose()?;
        let Some(entry) = entry else {
            return Ok(None);
        };
        let packed: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FACTS_SQL} FROM entry WHERE entry_key = ?1"
            ))
            .and_then(|mut statement| statement.query_row([entry_key], |row| row.get(0)))
            .map_err(|error| self.sqlite_error(&error))?;
        Ok(Some(OutboxItem::Entry {
            entry: Box::new(entry),
            facts: EntryFacts::from_packed(packed),
        }))
    }

    fn queued_void(&self, entry_key: i64) -> Result<Option<OutboxItem>, StoreError> {
        let row: Option<(Vec<u8>, String, String, String, i64)> = self
            .conn
            .prepare_cached(SELECT_VOID)
            .and_then(|mut statement| {
                statement
                    .query_row([entry_key], |row| {
                        Ok((
                            row.get(0)?,
                            row.get(1)?,
                            row.get(2)?,
                            row.get(3)?,
                            row.get(4)?,
                        ))
                    })
                    .optional()
            })
            .map_err(|error| self.sqlite_error(&error))?;
        row.map(|(uuid, checkpoint_id, reason, operator, at_ms)| {
            Ok(OutboxItem::Void {
                entry_id: codec::entry_id_from_blob(&uuid)?,
                checkpoint_id,
                reason,
                operator,
                at: codec::time_from_ms(at_ms)?,
            })
        })
        .transpose()
    }

    /// The server committed every change up to `outbox_id`: forget them.
    pub fn sync_acknowledge(&mut self, through_outbox_id: i64) -> Result<(), StoreError> {
        self.write(|transaction, _| {
            transaction
                .execute(
                    "DELETE FROM sync_outbox WHERE outbox_id <= ?1",
                    [through_outbox_id],
                )
                .map(drop)
                .map_err(|error| super::entry_keys::sqlite(error, transaction))
        })
    }

    /// A value the sync keeps between runs (pull cursors, the server's identity).
    pub fn sync_state(&self, name: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT value FROM sync_state WHERE name = ?1")
            .and_then(|mut statement| statement.query_row([name], |row| row.get(0)).optional())
            .map_err(|error| self.sqlite_error(&error))
    }

    /// Sets sync values in one transaction.
    pub fn set_sync_state(&mut self, values: &[(&str, String)]) -> Result<(), StoreError> {
        self.write(|transaction, _| {
            for (name, value) in values {
                set_state(transaction, name, value)?;
            }
            Ok(())
        })
    }

    /// Stores repeat keys pulled from the server and moves the pull cursor in one transaction,
    /// so a crash either keeps both or neither; keys recorded before `keep_since` are forgotten.
    pub fn add_remote_repeats(
        &mut self,
        keys: &[RemoteRepeat],
        cursor: (&str, String),
        keep_since: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|transaction, _| {
            let sqlite = |error| super::entry_keys::sqlite(error, transaction);
            let mut insert = transaction
                .prepare_cached(
                    "INSERT OR IGNORE INTO remote_repeat
                     (tag, entry_uuid, at_ms, checkpoint_id, gate, value)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sqlite)?;
            for key in keys {
                let uuid = codec::uuid_blob(key.entry_id).to_vec();
                for (tag, value) in remote_tags(key)? {
                    insert
                        .execute(params![
                            tag,
                            uuid,
                            key.at.timestamp_millis(),
                            key.checkpoint_id,
                            key.gate,
                            value
                        ])
                        .map_err(sqlite)?;
                }
            }
            transaction
                .execute(
                    "DELETE FROM remote_repeat WHERE at_ms < ?1",
                    [keep_since.timestamp_millis()],
                )
                .map_err(sqlite)?;
            set_state(transaction, cursor.0, &cursor.1)
        })
    }

    /// Other kiosks voided these entries (entry id, the voiding checkpoint): they are no longer
    /// anyone's earlier visit. A void removes only its own checkpoint's key of that id.
    pub fn forget_remote_repeats(
        &mut self,
        voided: &[(EntryId, String)],
        cursor: (&str, String),
    ) -> Result<(), StoreError> {
        self.write(|transaction, _| {
            let mut delete = transaction
                .prepare_cached(
                    "DELETE FROM remote_repeat WHERE entry_uuid = ?1 AND checkpoint_id = ?2",
                )
                .map_err(|error| super::entry_keys::sqlite(error, transaction))?;
            for (entry_id, checkpoint_id) in voided {
                delete
                    .execute(params![&codec::uuid_blob(*entry_id)[..], checkpoint_id])
                    .map_err(|error| super::entry_keys::sqlite(error, transaction))?;
            }
            set_state(transaction, cursor.0, &cursor.1)
        })
    }

    /// Forgets every pulled key and pull cursor: the kiosk now talks to another server.
    pub fn reset_remote_repeats(&mut self) -> Result<(), StoreError> {
        self.write(|transaction, _| {
            transaction
                .execute_batch("DELETE FROM remote_repeat; DELETE FROM sync_state;")
                .map_err(|error| super::entry_keys::sqlite(error, transaction))
        })
    }
}

fn set_state(conn: &Connection, name: &str, value: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO sync_state (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .and_then(|mut statement| statement.execute([name, value]))
    .map(drop)
    .map_err(|error| super::entry_keys::sqlite(error, conn))
}

/// The `repeat_key` tags of a pulled key, each with the full value that confirms a hit.
fn remote_tags(key: &RemoteRepeat) -> Result<Vec<(i64, Value)>, StoreError> {
    let mut tags = Vec::with_capacity(3);
    if let Some(hash) = &key.code_hash {
        let blob = codec::hash_blob(hash)?;
        tags.push((
            codec::hash_tag(&blob, codec::CODE_TAG_SALT),
            Value::Blob(blob),
        ));
    }
    if let Some(hash) = &key.document_hash {
        let blob = codec::hash_blob(hash)?;
        tags.push((
            codec::hash_tag(&blob, codec::DOCUMENT_TAG_SALT),
            Value::Blob(blob),
        ));
    }
    if let Some(plate) = &key.plate {
        tags.push((codec::plate_tag(plate), Value::Text(plate.clone())));
    }
    Ok(tags)
}

/// Queues a retention purge for the server (called inside the purge's transaction). Queued
/// entries and voids older than the cutoff are deleted here and on the server alike: they leave
/// the queue, so a kiosk that never syncs does not keep a queue longer than its retention.
pub(crate) fn queue_purge(conn: &Connection, cutoff: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM sync_outbox WHERE item IN ('entry', 'void') AND ref < ?1",
        [codec::key_floor(cutoff)],
    )?;
    conn.execute(
        "INSERT INTO sync_outbox (item, ref) VALUES ('purge', ?1)",
        [cutoff.timestamp_millis()],
    )
    .map(drop)
}

/// The latest pulled key with this tag and value in `[since_ms, until_ms]`: another kiosk's
/// entry (a key dated after `until_ms`, the future, is nobody's earlier visit).
pub(crate) fn latest_remote(
    conn: &Connection,
    tag: i64,
    (since_ms, until_ms): (i64, i64),
    value: &Value,
) -> Result<Option<RepeatHit>, StoreError> {
    let found: Option<(Vec<u8>, i64, String, String)> = conn
        .prepare_cached(
            "SELECT entry_uuid, at_ms, checkpoint_id, gate FROM remote_repeat
             WHERE tag = ?1 AND at_ms >= ?2 AND at_ms <= ?4 AND value = ?3
             ORDER BY at_ms DESC LIMIT 1",
        )
        .and_then(|mut statement| {
            statement
                .query_row(params![tag, since_ms, value, until_ms], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .optional()
        })
        .map_err(|error| super::entry_keys::sqlite(error, conn))?;
    found
        .map(|(uuid, at_ms, checkpoint_id, gate)| {
            Ok(RepeatHit {
                entry_id: codec::entry_id_from_blob(&uuid)?,
                at: codec::time_from_ms(at_ms)?,
                checkpoint_id,
                gate,
            })
        })
        .transpose()
}
