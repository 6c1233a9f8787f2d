//! Interned short texts (gate, operator, origin, vehicle type ...) and checkpoint ids: stored
//! once in their own table and referred to by a small integer from every entry.
//!
//! [`WriteCache`] also carries what one write transaction learns as it goes: the highest entry
//! key (so appending needs no look-up per entry) and the tally changes, written once at commit.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

/// Remembers keys already looked up, so a busy gate does not query the same words per entry.
#[derive(Debug, Default)]
pub struct WriteCache {
    words: HashMap<String, i64>,
    checkpoints: HashMap<String, i64>,
    /// The highest `entry_key` in the table, read at the start of each write transaction
    /// (another program may have written since the last one).
    highest_key: Option<i64>,
    /// Tally changes of this transaction by (day, checkpoint key, facts).
    tally: HashMap<(i64, i64, i64), i64>,
}

impl WriteCache {
    /// Drops everything learned: called after a rollback, which may have removed new rows.
    pub fn forget(&mut self) {
        self.words.clear();
        self.checkpoints.clear();
        self.highest_key = None;
        self.tally.clear();
    }

    /// Called at BEGIN: re-reads the highest entry key.
    pub fn begin(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        self.tally.clear();
        self.highest_key = conn
            .prepare_cached("SELECT max(entry_key) FROM entry")?
            .query_row([], |row| row.get(0))?;
        Ok(())
    }

    /// The highest entry key so far in this transaction (`None`: the table is empty).
    pub fn highest_key(&self) -> Option<i64> {
        self.highest_key
    }

    pub fn saw_key(&mut self, key: i64) {
        self.highest_key = Some(self.highest_key.map_or(key, |highest| highest.max(key)));
    }

    pub fn count_in_tally(&mut self, group: (i64, i64, i64), delta: i64) {
        *self.tally.entry(group).or_default() += delta;
    }

    /// Takes the tally changes to write before commit.
    pub fn take_tally(&mut self) -> Vec<((i64, i64, i64), i64)> {
        self.tally
            .drain()
            .filter(|(_, delta)| *delta != 0)
            .collect()
    }

    pub fn word(&mut self, conn: &Connection, text: &str) -> rusqlite::Result<i64> {
        if let Some(key) = self.words.get(text) {
            return Ok(*key);
        }
        let key = key_of(
            conn,
            "SELECT word_key FROM word WHERE text = ?1",
            "INSERT INTO word (text) VALUES (?1)",
            text,
        )?;
        self.words.insert(text.to_owned(), key);
        Ok(key)
    }

    pub fn optional_word(
        &mut self,
        conn: &Connection,
        text: Option<&str>,
    ) -> rusqlite::Result<Option<i64>> {
        text.map(|text| self.word(conn, text)).transpose()
    }

    pub fn checkpoint(&mut self, conn: &Connection, checkpoint_id: &str) -> rusqlite::Result<i64> {
        if let Some(key) = self.checkpoints.get(checkpoint_id) {
            return Ok(*key);
        }
        let key = key_of(
            conn,
            "SELECT checkpoint_key FROM checkpoint WHERE checkpoint_id = ?1",
            "INSERT INTO checkpoint (checkpoint_id) VALUES (?1)",
            checkpoint_id,
        )?;
        self.checkpoints.insert(checkpoint_id.to_owned(), key);
        Ok(key)
    }
}

fn key_of(conn: &Connection, select: &str, insert: &str, text: &str) -> rusqlite::Result<i64> {
    if let Some(key) = conn
        .prepare_cached(select)?
        .query_row([text], |row| row.get(0))
        .optional()?
    {
        return Ok(key);
    }
    conn.prepare_cached(insert)?.execute([text])?;
    Ok(conn.last_insert_rowid())
}

/// The key of a checkpoint id already in the database, without adding it.
pub fn existing_checkpoint(
    conn: &Connection,
    checkpoint_id: &str,
) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT checkpoint_key FROM checkpoint WHERE checkpoint_id = ?1")?
        .query_row([checkpoint_id], |row| row.get(0))
        .optional()
}
