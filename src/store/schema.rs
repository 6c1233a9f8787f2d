//! The schema as an ordered, append-only list of migrations; the version lives in
//! `PRAGMA user_version`. Never edit a released step: append a new one.
//!
//! Layout chosen for district scale (millions of entries, < 200 bytes each with indexes):
//! - `entry.entry_key` is the time itself: `at_ms * 4096 + n` (n separates entries saved in the
//!   same millisecond). The table is therefore clustered by time, so every time-range report is a
//!   contiguous range scan and no time index is needed; `at_ms` is not stored twice.
//! - Enums are small integers (see `codec`), repeated short texts (gate, operator, origin,
//!   vehicle type, ...) and checkpoint ids are interned in their own tables.
//! - Temperatures: the first and the final reading are inline (the usual 1–2 readings); any
//!   readings in between go to `extra_reading`.
//! - Repeat look-ups use `repeat_key` (WITHOUT ROWID): 64-bit tags of the code hash, document hash
//!   or plate, confirmed against the full value in `entry` before a hit is reported.
//! - `tally` (WITHOUT ROWID) keeps running counts per UTC day, checkpoint and combination of
//!   facts (see `tally`), so summaries over months add up a few thousand rows instead of
//!   sorting millions. Every insert, void and purge updates it in the same transaction.

use rusqlite::Connection;

use super::StoreError;

/// Migration steps; index + 1 is the schema version each one produces.
const MIGRATIONS: &[&str] = &[
    // 1: entries, voids, interning, repeats, shifts, audit, exports.
    "CREATE TABLE checkpoint (
        checkpoint_key INTEGER PRIMARY KEY,
        checkpoint_id TEXT NOT NULL UNIQUE
    );
    CREATE TABLE word (
        word_key INTEGER PRIMARY KEY,
        text TEXT NOT NULL UNIQUE
    );
    CREATE TABLE entry (
        entry_key INTEGER PRIMARY KEY,
        entry_uuid BLOB NOT NULL UNIQUE,
        kind INTEGER NOT NULL,
        checkpoint_key INTEGER NOT NULL REFERENCES checkpoint,
        gate_key INTEGER NOT NULL REFERENCES word,
        operator_key INTEGER NOT NULL REFERENCES word,
        shift_id INTEGER,
        direction INTEGER NOT NULL,
        colour INTEGER NOT NULL,
        decision INTEGER NOT NULL,
        fever INTEGER NOT NULL,
        voided INTEGER NOT NULL DEFAULT 0,
        temp_first INTEGER,
        temp_last INTEGER,
        origin_key INTEGER REFERENCES word,
        destination_key INTEGER REFERENCES word,
        colour_source INTEGER,
        code_format_key INTEGER REFERENCES word,
        code_hash BLOB,
        code_masked TEXT,
        document_kind_key INTEGER REFERENCES word,
        document_hash BLOB,
        document_masked TEXT,
        name_hash BLOB,
        name_masked TEXT,
        phone_hash BLOB,
        phone_masked TEXT,
        travel_star INTEGER,
        vehicle_uuid BLOB,
        plate TEXT,
        plate_kind_key INTEGER REFERENCES word,
        vehicle_type_key INTEGER REFERENCES word,
        passengers INTEGER,
        cargo TEXT,
        repeat_of BLOB,
        note TEXT
    );
    CREATE TABLE extra_reading (
        entry_key INTEGER NOT NULL REFERENCES entry ON DELETE CASCADE,
        position INTEGER NOT NULL,
        reading INTEGER NOT NULL,
        PRIMARY KEY (entry_key, position)
    ) WITHOUT ROWID;
    CREATE TABLE void (
        entry_key INTEGER PRIMARY KEY REFERENCES entry ON DELETE CASCADE,
        reason TEXT NOT NULL,
        operator TEXT NOT NULL,
        at_ms INTEGER NOT NULL
    );
    CREATE TABLE repeat_key (
        tag INTEGER NOT NULL,
        entry_key INTEGER NOT NULL,
        PRIMARY KEY (tag, entry_key)
    ) WITHOUT ROWID;
    CREATE TABLE operator (
        operator_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role INTEGER NOT NULL,
        pin_salt BLOB,
        pin_hash BLOB,
        created_ms INTEGER NOT NULL
    );
    CREATE TABLE sign_in (
        at_ms INTEGER NOT NULL,
        operator_id INTEGER NOT NULL REFERENCES operator,
        PRIMARY KEY (at_ms, operator_id)
    ) WITHOUT ROWID;
    CREATE TABLE shift (
        shift_id INTEGER PRIMARY KEY,
        checkpoint_key INTEGER NOT NULL REFERENCES checkpoint,
        leader_id INTEGER NOT NULL REFERENCES operator,
        opened_ms INTEGER NOT NULL,
        closed_ms INTEGER,
        handover_note TEXT
    );
    CREATE INDEX shift_open ON shift (checkpoint_key) WHERE closed_ms IS NULL;
    CREATE TABLE audit (
        audit_id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE TABLE tally (
        day INTEGER NOT NULL,
        checkpoint_key INTEGER NOT NULL,
        facts INTEGER NOT NULL,
        entries INTEGER NOT NULL,
        PRIMARY KEY (day, checkpoint_key, facts)
    ) WITHOUT ROWID;
    CREATE TABLE export (
        export_id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        operator TEXT NOT NULL,
        format TEXT NOT NULL,
        scope TEXT NOT NULL,
        entries INTEGER NOT NULL,
        file_name TEXT NOT NULL
    );",
    // District sync (issue 12): what the district's PostgreSQL has not acknowledged yet (filled
    // by triggers, so every way of saving, voiding or opening a shift queues it), repeat keys
    // pulled from other kiosks, and where pulling stopped. Existing rows are queued once.
    "CREATE TABLE sync_outbox (
        outbox_id INTEGER PRIMARY KEY AUTOINCREMENT,
        item TEXT NOT NULL,
        ref INTEGER NOT NULL
    );
    CREATE TRIGGER sync_entry_saved AFTER INSERT ON entry
        BEGIN INSERT INTO sync_outbox (item, ref) VALUES ('entry', NEW.entry_key); END;
    CREATE TRIGGER sync_entry_voided AFTER INSERT ON void
        BEGIN INSERT INTO sync_outbox (item, ref) VALUES ('void', NEW.entry_key); END;
    CREATE TRIGGER sync_shift_opened AFTER INSERT ON shift
        BEGIN INSERT INTO sync_outbox (item, ref) VALUES ('shift', NEW.shift_id); END;
    CREATE TRIGGER sync_shift_changed AFTER UPDATE ON shift
        BEGIN INSERT INTO sync_outbox (item, ref) VALUES ('shift', NEW.shift_id); END;
    INSERT INTO sync_outbox (item, ref) SELECT 'entry', entry_key FROM entry ORDER BY entry_key;
    INSERT INTO sync_outbox (item, ref) SELECT 'void', entry_key FROM void ORDER BY entry_key;
    INSERT INTO sync_outbox (item, ref) SELECT 'shift', shift_id FROM shift ORDER BY shift_id;
    CREATE TABLE remote_repeat (
        tag INTEGER NOT NULL,
        entry_uuid BLOB NOT NULL,
        at_ms INTEGER NOT NULL,
        checkpoint_id TEXT NOT NULL,
        gate TEXT NOT NULL,
        value BLOB NOT NULL,
        PRIMARY KEY (tag, entry_uuid)
    ) WITHOUT ROWID;
    CREATE INDEX remote_repeat_entry ON remote_repeat (entry_uuid);
    CREATE INDEX remote_repeat_time ON remote_repeat (at_ms);
    CREATE TABLE sync_state (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;",
    // Passes apart from colours (issue 25): a scanned pass of the district's own is stored
    // with its pass verdict (1 valid, 2 expired, 3 revoked, 4 unknown issuer, 5 forged) and
    // no health-code colour, so it is never counted as a green or a red code.
    "ALTER TABLE entry ADD COLUMN pass_outcome INTEGER
        CHECK (pass_outcome IS NULL OR pass_outcome BETWEEN 1 AND 5);",
    // Practice apart (issue 22): entries read from the demo feed or `run --feed` pictures are
    // marked, counted apart and never sent to the district. Earlier builds noted them as
    // 'demo feed'; those become practice, and the tally is counted again with the new fact
    // (bit 12, as `tally::FACTS_SQL`).
    "ALTER TABLE entry ADD COLUMN practice INTEGER NOT NULL DEFAULT 0 CHECK (practice IN (0, 1));
    UPDATE entry SET practice = 1, note = NULL WHERE note = 'demo feed';
    DELETE FROM tally;
    INSERT INTO tally (day, checkpoint_key, facts, entries)
        SELECT entry_key / 4096 / 86400000, checkpoint_key,
            kind | (direction << 1) | (colour << 2) | (fever << 4) | (decision << 5)
            | ((repeat_of IS NOT NULL) << 7) | (voided << 8) | (coalesce(pass_outcome, 0) << 9)
            | (practice << 12),
            count(*)
        FROM entry GROUP BY 1, 2, 3;
    DROP TRIGGER sync_entry_saved;
    CREATE TRIGGER sync_entry_saved AFTER INSERT ON entry WHEN NEW.practice = 0
        BEGIN INSERT INTO sync_outbox (item, ref) VALUES ('entry', NEW.entry_key); END;
    DROP TRIGGER sync_entry_voided;
    CREATE TRIGGER sync_entry_voided AFTER INSERT ON void
        WHEN (SELECT practice FROM entry WHERE entry_key = NEW.entry_key) = 0
        BEGIN INSERT INTO sync_outbox (item, ref) VALUES ('void', NEW.entry_key); END;
    DELETE FROM sync_outbox WHERE item IN ('entry', 'void')
        AND ref IN (SELECT entry_key FROM entry WHERE practice = 1);",
    // Families (issue 22): a companion registered with the person before carries the entry id
    // of the group's first person.
    "ALTER TABLE entry ADD COLUMN group_uuid BLOB;",
    // Children without an ID (issue 22): registered by name and age band (`AgeBand::code`),
    // with the group naming the guardian they came with.
    "ALTER TABLE entry ADD COLUMN age_band INTEGER CHECK (age_band IS NULL OR age_band BETWEEN 1 AND 3);",
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a file written by a newer app (read before anything is changed, even the journal).
pub fn refuse_newer(conn: &Connection, path: &str) -> Result<i64, StoreError> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|error| StoreError::from_sqlite(&error, path))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// Brings the database up to [`SCHEMA_VERSION`]; refuses newer files. The version is read
/// inside `BEGIN IMMEDIATE`, so two apps starting at once on a new file cannot both run the
/// same step: the second waits, then finds the schema already there.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), StoreError> {
    let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, path);
    // Up to date (the usual start): nothing to write, so no write lock (read-only media open).
    if refuse_newer(conn, path)? == SCHEMA_VERSION {
        return Ok(());
    }
    let transaction = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(sqlite)?;
    let found = refuse_newer(&transaction, path)?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    for (index, step) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        transaction.execute_batch(step).map_err(sqlite)?;
        transaction
            .pragma_update(None, "user_version", index as i64 + 1)
            .map_err(sqlite)?;
    }
    transaction.commit().map_err(sqlite)
}
