//! Running counts per UTC day, checkpoint and "facts" (kind, direction, colour, fever, decision,
//! repeat, voided, pass verdict, practice packed into one small integer). Kept in step with `entry` inside the same
//! transaction by every insert, void and purge, so long-range summaries read thousands of tally
//! rows rather than sorting millions of entries.

use rusqlite::{Connection, params};

use super::codec::KEYS_PER_MS;

pub const MS_PER_DAY: i64 = 86_400_000;

/// The facts of an `entry` row as SQL; `FACTS_SQL` and [`facts`] must agree.
pub const FACTS_SQL: &str =
    "(kind | (direction << 1) | (colour << 2) | (fever << 4) | (decision << 5)
    | ((repeat_of IS NOT NULL) << 7) | (voided << 8) | (coalesce(pass_outcome, 0) << 9)
    | (practice << 12))";

/// The stored code of a pass verdict (`entry.pass_outcome`); 0 is "not a pass".
pub fn pass_outcome_code(verdict: crate::model::PassVerdict) -> i64 {
    use crate::model::PassVerdict;
    match verdict {
        PassVerdict::Valid => 1,
        PassVerdict::Expired => 2,
        PassVerdict::Revoked => 3,
        PassVerdict::UnknownIssuer => 4,
        PassVerdict::Forged => 5,
    }
}

/// The pass verdict of a stored code; None for 0 (not a pass) or a code this build lacks.
pub fn pass_outcome_from_code(code: i64) -> Option<crate::model::PassVerdict> {
    crate::model::PassVerdict::ALL
        .into_iter()
        .find(|verdict| pass_outcome_code(*verdict) == code)
}

/// The facts of one entry, from its column codes.
pub struct Facts {
    pub kind: i64,
    pub direction: i64,
    pub colour: i64,
    pub fever: bool,
    pub decision: i64,
    pub repeat: bool,
    pub voided: bool,
    /// 0: not a pass; else [`pass_outcome_code`].
    pub pass: i64,
    /// Practice (demo feed, `run --feed`): counted apart from the day's real entries.
    pub practice: bool,
}

impl Facts {
    pub fn pack(&self) -> i64 {
        self.kind
            | (self.direction << 1)
            | (self.colour << 2)
            | (i64::from(self.fever) << 4)
            | (self.decision << 5)
            | (i64::from(self.repeat) << 7)
            | (i64::from(self.voided) << 8)
            | (self.pass << 9)
            | (i64::from(self.practice) << 12)
    }

    pub fn unpack(packed: i64) -> Self {
        Self {
            kind: packed & 1,
            direction: (packed >> 1) & 1,
            colour: (packed >> 2) & 3,
            fever: (packed >> 4) & 1 == 1,
            decision: (packed >> 5) & 3,
            repeat: (packed >> 7) & 1 == 1,
            voided: (packed >> 8) & 1 == 1,
            pass: (packed >> 9) & 7,
            practice: (packed >> 12) & 1 == 1,
        }
    }
}

pub fn day_of_key(entry_key: i64) -> i64 {
    entry_key.div_euclid(KEYS_PER_MS).div_euclid(MS_PER_DAY)
}

/// Adds `delta` entries with these facts on a UTC day.
pub fn add_to_day(
    conn: &Connection,
    day: i64,
    checkpoint_key: i64,
    facts: i64,
    delta: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO tally (day, checkpoint_key, facts, entries) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (day, checkpoint_key, facts) DO UPDATE SET entries = entries + excluded.entries",
    )?
    .execute(params![day, checkpoint_key, facts, delta])
    .map(drop)
}

/// Adds `delta` for one stored entry, reading its facts from the row (voids use -1 then +1).
pub fn add_row(conn: &Connection, entry_key: i64, delta: i64) -> rusqlite::Result<()> {
    let (checkpoint_key, facts): (i64, i64) = conn
        .prepare_cached(&format!(
            "SELECT checkpoint_key, {FACTS_SQL} FROM entry WHERE entry_key = ?1"
        ))?
        .query_row([entry_key], |row| Ok((row.get(0)?, row.get(1)?)))?;
    add_to_day(conn, day_of_key(entry_key), checkpoint_key, facts, delta)
}

/// Takes every entry before `cutoff_key` out of the tally (before a purge deletes them).
pub fn subtract_before(conn: &Connection, cutoff_key: i64) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO tally (day, checkpoint_key, facts, entries)
             SELECT entry_key / {KEYS_PER_MS} / {MS_PER_DAY}, checkpoint_key, {FACTS_SQL}, -count(*)
             FROM entry WHERE entry_key < ?1 GROUP BY 1, 2, 3
             ON CONFLICT (day, checkpoint_key, facts) DO UPDATE SET entries = entries + excluded.entries"
        ),
        [cutoff_key],
    )?;
    conn.execute("DELETE FROM tally WHERE entries = 0", [])
        .map(drop)
}
