//! Pushing the outbox: batches of changes in one server transaction each, then acknowledged
//! locally. Entries travel as the export schema's masked record plus keyed hashes (never a
//! plain value) and the counted facts the day report sums.

use serde_json::{Value, json};

use super::Session;
use super::set_aside::SetAside;
use crate::district::{DistrictError, PUSH_LOCK};
use crate::model::pii::KeyedHash;
use crate::report::ExportRecord;
use crate::store::{OutboxItem, Queued, Store, StoredEntry};

/// Changes per server transaction: large enough for 30,000 entries in a few round trips.
const BATCH: usize = 2_000;

const INSERT_ENTRIES: &str = "INSERT INTO entry (entry_uuid, checkpoint_id, gate, recorded_at,
        kind, direction, colour, decision, fever, is_repeat, code_hash, document_hash, plate, record)
    SELECT r.entry_uuid, r.checkpoint_id, r.gate, r.recorded_at, r.kind, r.direction, r.colour,
        r.decision, r.fever, r.is_repeat, decode(r.code_hash, 'hex'), decode(r.document_hash, 'hex'),
        r.plate, r.record
    FROM jsonb_to_recordset($1::text::jsonb) AS r(entry_uuid uuid, checkpoint_id text, gate text,
        recorded_at timestamptz, kind smallint, direction smallint, colour smallint,
        decision smallint, fever boolean, is_repeat boolean, code_hash text, document_hash text,
        plate text, record jsonb)
    ON CONFLICT DO NOTHING";

const INSERT_VOIDS: &str =
    "INSERT INTO void (entry_uuid, checkpoint_id, reason, operator, voided_at)
    SELECT r.entry_uuid, r.checkpoint_id, r.reason, r.operator, r.voided_at
    FROM jsonb_to_recordset($1::text::jsonb) AS r(entry_uuid uuid, checkpoint_id text,
        reason text, operator text, voided_at timestamptz)
    ON CONFLICT DO NOTHING";

const UPSERT_SHIFTS: &str = "INSERT INTO shift (checkpoint_id, shift_id, leader, opened_at,
        closed_at, handover_note)
    SELECT r.checkpoint_id, r.shift_id, r.leader, r.opened_at, r.closed_at, r.handover_note
    FROM jsonb_to_recordset($1::text::jsonb) AS r(checkpoint_id text, shift_id bigint,
        leader text, opened_at timestamptz, closed_at timestamptz, handover_note text)
    ON CONFLICT (checkpoint_id, pushed_by, shift_id) DO UPDATE
    SET closed_at = EXCLUDED.closed_at, handover_note = EXCLUDED.handover_note";

const INSERT_PURGES: &str = "INSERT INTO purge (checkpoint_id, cutoff)
    SELECT r.checkpoint_id, r.cutoff
    FROM jsonb_to_recordset($1::text::jsonb) AS r(checkpoint_id text, cutoff timestamptz)
    ON CONFLICT DO NOTHING";

/// What a row is, for the list of items set aside.
#[derive(Debug, Clone)]
struct Label {
    outbox_id: i64,
    item: &'static str,
    entry_id: Option<String>,
}

/// One batch sorted by table; `sent` counts what goes to the server.
#[derive(Default)]
struct Batch {
    entries: Vec<(Value, Label)>,
    voids: Vec<(Value, Label)>,
    shifts: Vec<(Value, Label)>,
    purges: Vec<(Value, Label)>,
    sent: u64,
}

impl Batch {
    /// Entries first (voids refer to them), purges last (they delete what came before them).
    fn tables(&self) -> [(&'static str, &[(Value, Label)]); 4] {
        [
            (INSERT_ENTRIES, &self.entries),
            (INSERT_VOIDS, &self.voids),
            (UPSERT_SHIFTS, &self.shifts),
            (INSERT_PURGES, &self.purges),
        ]
    }
}

/// What pushing did: acknowledged changes, and those the server refused (set aside).
#[derive(Debug, Default)]
pub struct Pushed {
    pub acknowledged: u64,
    pub set_aside: Vec<SetAside>,
}

/// Pushes until the outbox is empty. A batch the server refuses is sent again item by item: the
/// items it refuses are set aside with the reason (never sent again, listed by `sync --json`),
/// the others pushed, so one bad item never blocks the queue (issue 24 item 3).
pub fn push_all(store: &mut Store, session: &mut Session) -> Result<Pushed, DistrictError> {
    let mut pushed = Pushed::default();
    loop {
        let queued = store.sync_outbox(BATCH)?;
        let Some(last) = queued.last().map(|queued| queued.outbox_id) else {
            return Ok(pushed);
        };
        let batch = sort_batch(&queued, &session.settings.checkpoint_id);
        let refused = match send(session, &batch) {
            Ok(()) => Vec::new(),
            Err(error) if error.is_refusal() => send_each(session, &batch)?,
            Err(error) => return Err(error),
        };
        if !refused.is_empty() {
            super::set_aside::keep(store, &refused)?;
        }
        store.sync_acknowledge(last)?;
        pushed.acknowledged = pushed
            .acknowledged
            .saturating_add(batch.sent.saturating_sub(refused.len() as u64));
        pushed.set_aside.extend(refused);
    }
}

fn send(session: &mut Session, batch: &Batch) -> Result<(), DistrictError> {
    if batch.sent == 0 {
        return Ok(());
    }
    let mut transaction = session.client.transaction()?;
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&PUSH_LOCK])?;
    for (sql, rows) in batch.tables() {
        if !rows.is_empty() {
            let values: Vec<Value> = rows.iter().map(|(value, _)| value.clone()).collect();
            let text = Value::Array(values).to_string();
            transaction.execute(sql, &[&text])?;
        }
    }
    transaction.commit()?;
    Ok(())
}

/// The batch again, one item per savepoint: returns the items the server refused.
fn send_each(session: &mut Session, batch: &Batch) -> Result<Vec<SetAside>, DistrictError> {
    let mut refused = Vec::new();
    let mut transaction = session.client.transaction()?;
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&PUSH_LOCK])?;
    for (sql, rows) in batch.tables() {
        for (value, label) in rows {
            let text = Value::Array(vec![value.clone()]).to_string();
            let mut savepoint = transaction.savepoint("item")?;
            match savepoint.execute(sql, &[&text]) {
                Ok(_) => savepoint.commit()?,
                Err(error) => {
                    savepoint.rollback()?;
                    let error = DistrictError::from(error);
                    let DistrictError::Refused { detail } = error else {
                        return Err(error);
                    };
                    refused.push(SetAside {
                        outbox_id: label.outbox_id,
                        item: label.item.to_owned(),
                        entry_id: label.entry_id.clone(),
                        reason: crate::model::plain_text::clean_text(&detail, 300),
                        at: timestamp(chrono::Utc::now()),
                    });
                }
            }
        }
    }
    transaction.commit()?;
    Ok(refused)
}

/// Only this kiosk's own checkpoint's rows are sent: imported neighbours' entries are theirs to
/// push (the server would refuse them anyway).
fn sort_batch(queued: &[Queued], checkpoint_id: &str) -> Batch {
    let mut batch = Batch::default();
    for queued in queued {
        let label = |item: &'static str, entry_id: Option<String>| Label {
            outbox_id: queued.outbox_id,
            item,
            entry_id,
        };
        let (rows, row) = match &queued.item {
            OutboxItem::Entry { entry, facts } => {
                if entry_checkpoint(entry) != checkpoint_id {
                    continue;
                }
                let row = entry_row(entry, facts);
                let id = row["entry_uuid"].as_str().map(str::to_owned);
                (&mut batch.entries, (row, label("entry", id)))
            }
            OutboxItem::Void {
                entry_id,
                checkpoint_id: owner,
                reason,
                operator,
                at,
            } => {
                if owner != checkpoint_id {
                    continue;
                }
                let row = json!({
                    "entry_uuid": entry_id.0,
                    "checkpoint_id": owner,
                    "reason": reason,
                    "operator": operator,
                    "voided_at": timestamp(*at),
                });
                (
                    &mut batch.voids,
                    (row, label("void", Some(entry_id.0.to_string()))),
                )
            }
            OutboxItem::Shift(shift) => {
                if shift.checkpoint_id != checkpoint_id {
                    continue;
                }
                let row = json!({
                    "checkpoint_id": shift.checkpoint_id,
                    "shift_id": shift.shift_id,
                    "leader": shift.leader,
                    "opened_at": timestamp(shift.opened_at),
                    "closed_at": shift.closed_at.map(timestamp),
                    "handover_note": shift.handover_note,
                });
                (&mut batch.shifts, (row, label("shift", None)))
            }
            OutboxItem::Purge { cutoff } => {
                let row = json!({"checkpoint_id": checkpoint_id, "cutoff": timestamp(*cutoff)});
                (&mut batch.purges, (row, label("purge", None)))
            }
            OutboxItem::Gone => continue,
        };
        rows.push(row);
        batch.sent += 1;
    }
    // A shift opened and closed within one batch is queued twice: send its latest state once.
    dedup_latest(&mut batch.shifts, "shift_id");
    batch
}

fn dedup_latest(rows: &mut Vec<(Value, Label)>, key: &str) {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<(Value, Label)> = rows
        .drain(..)
        .rev()
        .filter(|(row, _)| seen.insert(row[key].to_string()))
        .collect();
    kept.reverse();
    *rows = kept;
}

fn entry_checkpoint(entry: &StoredEntry) -> &str {
    match entry {
        StoredEntry::Person(person) => &person.provenance.checkpoint_id,
        StoredEntry::Vehicle(vehicle) => &vehicle.provenance.checkpoint_id,
    }
}

fn entry_row(entry: &StoredEntry, facts: &crate::store::EntryFacts) -> Value {
    let record = ExportRecord::from_stored(entry).with_hashes(entry);
    // The server learns voids from the void table, pushed right after.
    let mut record_value = serde_json::to_value(&record).unwrap_or(Value::Null);
    if let Some(object) = record_value.as_object_mut() {
        object.insert("voided".to_owned(), Value::Null);
    }
    let (code_hash, document_hash, plate) = match entry {
        StoredEntry::Person(person) => (
            hash_hex(person.details.code.as_ref().map(|code| &code.hash)),
            hash_hex(person.details.document.as_ref().map(|doc| &doc.hash)),
            None,
        ),
        StoredEntry::Vehicle(vehicle) => (None, None, Some(vehicle.details.plate.clone())),
    };
    json!({
        "entry_uuid": record.entry_id.0,
        "checkpoint_id": record.checkpoint_id,
        "gate": record.gate,
        "recorded_at": record.recorded_at,
        "kind": facts.kind,
        "direction": facts.direction,
        "colour": facts.colour,
        "decision": facts.decision,
        "fever": facts.fever,
        "is_repeat": facts.repeat,
        "code_hash": code_hash,
        "document_hash": document_hash,
        "plate": plate,
        "record": record_value,
    })
}

fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn hash_hex(hash: Option<&KeyedHash>) -> Option<String> {
    hash.map(|hash| hash.as_str().to_owned())
}
