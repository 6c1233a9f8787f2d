//! Shifts (issue 6): who signed in, which leader opened and closed the shift, the handover note.
//!
//! Leaders protect their name with a PIN set on their first sign-in, kept as a salted, iterated
//! SHA-256. A 4–6 digit PIN cannot resist someone holding the file; it stops a volunteer at the
//! gate from acting as the leader, which is all it is for.

use chrono::{DateTime, Utc};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::codec;
use super::intern::existing_checkpoint;
use super::leaders::PinPurpose;
use super::pin::pin_hash;
use super::{Store, StoreError};
use crate::model::{Operator, Role, Shift};

/// The PINs typed with a sign-in: the leader's own, the same again (a new leader's), and an
/// existing leader's name and PIN vouching for a new one.
#[derive(Debug, Clone, Copy, Default)]
pub struct LeaderPins<'a> {
    pub pin: Option<&'a str>,
    pub pin_again: Option<&'a str>,
    pub sponsor: Option<(&'a str, &'a str)>,
}

const SELECT_SHIFT: &str =
    "SELECT s.shift_id, c.checkpoint_id, o.name, s.opened_ms, s.closed_ms, s.handover_note
    FROM shift s
    JOIN checkpoint c ON c.checkpoint_key = s.checkpoint_key
    JOIN operator o ON o.operator_id = s.leader_id";

impl Store {
    /// Signs someone in (creating them on first use). Leaders need a PIN; the first one they
    /// type becomes theirs.
    pub fn sign_in(
        &mut self,
        name: &str,
        role: Role,
        pin: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<Operator, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::EmptyName);
        }
        let pin = pin.map(str::trim).filter(|pin| !pin.is_empty());
        if role == Role::Leader && pin.is_none() {
            return Err(StoreError::PinRequired);
        }
        self.write(|transaction, _| {
            let operator_id = upsert_operator(transaction, name, role, pin, at)?;
            transaction
                .execute(
                    "INSERT OR IGNORE INTO sign_in (at_ms, operator_id) VALUES (?1, ?2)",
                    params![at.timestamp_millis(), operator_id],
                )
                .map_err(|error| {
                    StoreError::from_sqlite(&error, transaction.path().unwrap_or_default())
                })?;
            Ok(Operator {
                operator_id,
                name: name.to_owned(),
                role,
            })
        })
    }

    /// Signs in as [`Store::sign_in`], with a leader's PIN checked under the wait rule and
    /// audited ([`Store::check_leader_pin`]). A leader who has no PIN yet (new) is created only
    /// when `pin_again` repeats the PIN (a typo never becomes a leader's PIN) and, once the kiosk
    /// has a leader, when an existing leader vouches with their own name and PIN (`sponsor`):
    /// nobody makes themselves a leader by typing a new name.
    pub fn sign_in_confirmed(
        &mut self,
        name: &str,
        role: Role,
        pins: LeaderPins<'_>,
        at: DateTime<Utc>,
    ) -> Result<Operator, StoreError> {
        let name = name.trim();
        let pin = pins.pin.map(str::trim).unwrap_or_default();
        if role == Role::Leader {
            if name.is_empty() {
                return Err(StoreError::EmptyName);
            }
            if pin.is_empty() {
                return Err(StoreError::PinRequired);
            }
            if self.has_pin(name)? {
                if !self.check_leader_pin(name, pin, PinPurpose::SignIn, at)? {
                    return Err(StoreError::WrongPin(name.to_owned()));
                }
            } else {
                self.confirm_new_leader(name, pin, pins, at)?;
            }
        }
        self.sign_in(name, role, pins.pin, at)
    }

    /// A new leader's PIN typed twice alike, and an existing leader's word for them.
    fn confirm_new_leader(
        &mut self,
        name: &str,
        pin: &str,
        pins: LeaderPins<'_>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let again = pins.pin_again.map(str::trim).unwrap_or_default();
        if again.is_empty() {
            return Err(StoreError::NewLeaderPinTwice(name.to_owned()));
        }
        if pin != again {
            return Err(StoreError::PinsDiffer);
        }
        if self.leader_count()? == 0 {
            // The first leader (the setup's) has nobody to vouch for them.
            return Ok(());
        }
        let Some((sponsor, sponsor_pin)) = pins
            .sponsor
            .map(|(sponsor, sponsor_pin)| (sponsor.trim(), sponsor_pin.trim()))
            .filter(|(sponsor, sponsor_pin)| !sponsor.is_empty() && !sponsor_pin.is_empty())
        else {
            return Err(StoreError::NewLeaderNeedsLeader(name.to_owned()));
        };
        if self.check_leader_pin(sponsor, sponsor_pin, PinPurpose::NewLeader, at)? {
            Ok(())
        } else {
            Err(StoreError::WrongPin(sponsor.to_owned()))
        }
    }

    /// Whether someone of this name already has a leader's PIN.
    fn has_pin(&self, name: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT pin_hash IS NOT NULL FROM operator WHERE name = ?1",
                [name],
                |row| row.get::<_, bool>(0),
            )
            .optional()
            .map(|known| known.unwrap_or(false))
            .map_err(|error| self.sqlite_error(&error))
    }

    /// Opens a shift at a checkpoint; refused while another shift is open there.
    pub fn open_shift(
        &mut self,
        leader: &Operator,
        checkpoint_id: &str,
        at: DateTime<Utc>,
    ) -> Result<Shift, StoreError> {
        self.open_shift_adopting(leader, checkpoint_id, at, at)
    }

    /// Opens a shift as [`Store::open_shift`], taking into it the entries made at this
    /// checkpoint since `adopt_since` (the start of the day) while no shift was open — after the
    /// last shift closed — so that nobody registered before the leader opened the shift is
    /// missing from every shift report. The shift then covers them: it counts as opened at the
    /// first of them.
    pub fn open_shift_adopting(
        &mut self,
        leader: &Operator,
        checkpoint_id: &str,
        at: DateTime<Utc>,
        adopt_since: DateTime<Utc>,
    ) -> Result<Shift, StoreError> {
        if leader.role != Role::Leader {
            return Err(StoreError::NotALeader(leader.name.clone()));
        }
        if let Some(open) = self.current_shift(checkpoint_id)? {
            return Err(StoreError::ShiftAlreadyOpen {
                checkpoint_id: checkpoint_id.to_owned(),
                shift_id: open.shift_id,
            });
        }
        let shift_id = self.write(|transaction, cache| {
            let checkpoint_key = cache
                .checkpoint(transaction, checkpoint_id)
                .map_err(|error| sqlite(&error, transaction))?;
            let first_unassigned = first_unassigned_ms(transaction, checkpoint_key, adopt_since)
                .map_err(|error| sqlite(&error, transaction))?;
            let opened_ms = first_unassigned.map_or(at.timestamp_millis(), |first| {
                first.min(at.timestamp_millis())
            });
            transaction
                .execute(
                    "INSERT INTO shift (checkpoint_key, leader_id, opened_ms) VALUES (?1, ?2, ?3)",
                    params![checkpoint_key, leader.operator_id, opened_ms],
                )
                .map_err(|error| sqlite(&error, transaction))?;
            let shift_id = transaction.last_insert_rowid();
            transaction
                .execute(
                    "UPDATE entry SET shift_id = ?1
                     WHERE checkpoint_key = ?2 AND shift_id IS NULL AND entry_key >= ?3",
                    params![shift_id, checkpoint_key, codec::key_floor_ms(opened_ms)],
                )
                .map_err(|error| sqlite(&error, transaction))?;
            Ok(shift_id)
        })?;
        self.shift(shift_id)?
            .ok_or(StoreError::ShiftNotFound(shift_id))
    }

    /// The open shift at a checkpoint, if any.
    pub fn current_shift(&self, checkpoint_id: &str) -> Result<Option<Shift>, StoreError> {
        let Some(checkpoint_key) = existing_checkpoint(&self.conn, checkpoint_id)
            .map_err(|error| self.sqlite_error(&error))?
        else {
            return Ok(None);
        };
        let sql = format!(
            "{SELECT_SHIFT} WHERE s.checkpoint_key = ?1 AND s.closed_ms IS NULL ORDER BY s.shift_id DESC LIMIT 1"
        );
        self.query_shift(&sql, checkpoint_key)
    }

    /// The latest closed shift at a checkpoint ("last shift" in exports).
    pub fn last_closed_shift(&self, checkpoint_id: &str) -> Result<Option<Shift>, StoreError> {
        let Some(checkpoint_key) = existing_checkpoint(&self.conn, checkpoint_id)
            .map_err(|error| self.sqlite_error(&error))?
        else {
            return Ok(None);
        };
        let sql = format!(
            "{SELECT_SHIFT} WHERE s.checkpoint_key = ?1 AND s.closed_ms IS NOT NULL ORDER BY s.shift_id DESC LIMIT 1"
        );
        self.query_shift(&sql, checkpoint_key)
    }

    pub fn shift(&self, shift_id: i64) -> Result<Option<Shift>, StoreError> {
        self.query_shift(&format!("{SELECT_SHIFT} WHERE s.shift_id = ?1"), shift_id)
    }

    /// Closes a shift with the leader's handover note.
    pub fn close_shift(
        &mut self,
        shift_id: i64,
        handover_note: &str,
        at: DateTime<Utc>,
    ) -> Result<Shift, StoreError> {
        let shift = self
            .shift(shift_id)?
            .ok_or(StoreError::ShiftNotFound(shift_id))?;
        if shift.closed_at.is_some() {
            return Err(StoreError::ShiftAlreadyClosed(shift_id));
        }
        self.write(|transaction, _| {
            transaction
                .execute(
                    "UPDATE shift SET closed_ms = ?1, handover_note = ?2 WHERE shift_id = ?3 AND closed_ms IS NULL",
                    params![at.timestamp_millis(), handover_note.trim(), shift_id],
                )
                .map_err(|error| sqlite(&error, transaction))
        })?;
        self.shift(shift_id)?
            .ok_or(StoreError::ShiftNotFound(shift_id))
    }

    /// Names of everyone who signed in between `from` and `to`, leaders first.
    pub fn signed_in_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Operator>, StoreError> {
        let sql = "SELECT DISTINCT o.operator_id, o.name, o.role FROM sign_in s JOIN operator o ON o.operator_id = s.operator_id
                   WHERE s.at_ms >= ?1 AND s.at_ms < ?2 ORDER BY o.role DESC, o.name";
        let mut statement = self
            .conn
            .prepare_cached(sql)
            .map_err(|error| self.sqlite_error(&error))?;
        let rows = statement
            .query_map([from.timestamp_millis(), to.timestamp_millis()], |row| {
                Ok(Operator {
                    operator_id: row.get(0)?,
                    name: row.get(1)?,
                    role: Role::from_code(row.get(2)?).unwrap_or(Role::Volunteer),
                })
            })
            .map_err(|error| self.sqlite_error(&error))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|error| self.sqlite_error(&error))
    }

    fn query_shift(&self, sql: &str, parameter: i64) -> Result<Option<Shift>, StoreError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut statement| {
                statement
                    .query_row([parameter], |row| Ok(shift_from_row(row)))
                    .optional()
            })
            .map_err(|error| self.sqlite_error(&error))?
            .transpose()
    }
}

fn sqlite(error: &rusqlite::Error, conn: &Connection) -> StoreError {
    StoreError::from_sqlite(error, conn.path().unwrap_or_default())
}

fn shift_from_row(row: &Row<'_>) -> Result<Shift, StoreError> {
    let bad = |error: rusqlite::Error| StoreError::BadValue(error.to_string());
    let closed_ms: Option<i64> = row.get(4).map_err(bad)?;
    Ok(Shift {
        shift_id: row.get(0).map_err(bad)?,
        checkpoint_id: row.get(1).map_err(bad)?,
        leader: row.get(2).map_err(bad)?,
        opened_at: codec::time_from_ms(row.get(3).map_err(bad)?)?,
        closed_at: closed_ms.map(codec::time_from_ms).transpose()?,
        handover_note: row.get(5).map_err(bad)?,
    })
}

/// Creates or updates the operator, checking (or setting) a leader's PIN. Returns the id.
/// When the first entry made at this checkpoint without a shift was saved, since `since` and
/// after the last shift there closed (entries before that belong to no shift on purpose).
fn first_unassigned_ms(
    conn: &Connection,
    checkpoint_key: i64,
    since: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    let last_closed: Option<i64> = conn.query_row(
        "SELECT max(closed_ms) FROM shift WHERE checkpoint_key = ?1",
        [checkpoint_key],
        |row| row.get(0),
    )?;
    let from_ms = last_closed.map_or(since.timestamp_millis(), |closed| {
        closed.saturating_add(1).max(since.timestamp_millis())
    });
    let first_key: Option<i64> = conn.query_row(
        "SELECT min(entry_key) FROM entry
         WHERE checkpoint_key = ?1 AND shift_id IS NULL AND entry_key >= ?2",
        params![checkpoint_key, codec::key_floor_ms(from_ms)],
        |row| row.get(0),
    )?;
    Ok(first_key.map(|key| key.div_euclid(codec::KEYS_PER_MS)))
}

fn upsert_operator(
    conn: &Connection,
    name: &str,
    role: Role,
    pin: Option<&str>,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    type Known = (i64, Option<Vec<u8>>, Option<Vec<u8>>);
    let known: Option<Known> = conn
        .query_row(
            "SELECT operator_id, pin_salt, pin_hash FROM operator WHERE name = ?1",
            [name],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
        .map_err(|error| sqlite(&error, conn))?;
    let operator_id = match known {
        Some((operator_id, Some(salt), Some(hash))) if role == Role::Leader => {
            let typed = pin.ok_or(StoreError::PinRequired)?;
            if pin_hash(&salt, typed) != hash {
                return Err(StoreError::WrongPin(name.to_owned()));
            }
            operator_id
        }
        Some((operator_id, _, _)) => operator_id,
        None => {
            conn.execute(
                "INSERT INTO operator (name, role, created_ms) VALUES (?1, ?2, ?3)",
                params![name, role.code(), at.timestamp_millis()],
            )
            .map_err(|error| sqlite(&error, conn))?;
            conn.last_insert_rowid()
        }
    };
    // A volunteer signing in under a leader's name never takes the leader's role away (the
    // kiosk lock would then refuse the leader's own PIN).
    conn.execute(
        "UPDATE operator SET role = ?1 WHERE operator_id = ?2 AND (pin_hash IS NULL OR ?1 = 1)",
        params![role.code(), operator_id],
    )
    .map_err(|error| sqlite(&error, conn))?;
    if let (Role::Leader, Some(pin)) = (role, pin) {
        set_pin_if_unset(conn, operator_id, pin)?;
    }
    Ok(operator_id)
}

fn set_pin_if_unset(conn: &Connection, operator_id: i64, pin: &str) -> Result<(), StoreError> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    conn.execute(
        "UPDATE operator SET pin_salt = ?1, pin_hash = ?2 WHERE operator_id = ?3 AND pin_hash IS NULL",
        params![&salt[..], pin_hash(&salt, pin), operator_id],
    )
    .map(drop)
    .map_err(|error| sqlite(&error, conn))
}
