//! Interned short texts (gate, operator, origin, vehicle type ...) and checkpoint ids: stored
//! once in their own table and referred to by a small integer from every entry.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

/// Remembers keys already looked up, so a busy gate does not query the same words per entry.
#[derive(Debug, Default)]
pub struct Interner {
    words: HashMap<String, i64>,
    checkpoints: HashMap<String, i64>,
}

impl Interner {
    /// Drops everything learned: called after a rollback, which may have removed new rows.
    pub fn forget(&mut self) {
        self.words.clear();
        self.checkpoints.clear();
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
