//! Reading what other kiosks pushed, as bytes nobody vouches for (issue 24 item 2): a pulled
//! `repeat_key` row is decoded column by column from its wire bytes with checked conversions,
//! and refused — counted, never a panic — when a value is out of range, a time is outside the
//! repeat window or in the future, a hash is not 32 bytes, or a plate is not plain text. Gate and
//! checkpoint names are cleaned (no control characters, no direction overrides) and capped
//! before anything shows them.

use chrono::{DateTime, Duration, TimeZone, Utc};
use postgres::types::{FromSql, Type};
use uuid::Uuid;

use crate::model::EntryId;
use crate::model::pii::KeyedHash;
use crate::model::plain_text::{clean_text, is_clean};
use crate::store::RemoteRepeat;

/// Longest gate or checkpoint name kept from a pulled row (characters; the server allows 64).
pub const MAX_NAME_CHARS: usize = 64;
/// Longest plate (characters; the server allows 16).
pub const MAX_PLATE_CHARS: usize = 16;
/// How far ahead of this kiosk's clock another kiosk's key may be dated (their clocks differ).
pub const CLOCK_SKEW: Duration = Duration::minutes(5);
/// A keyed hash: HMAC-SHA256.
pub const HASH_BYTES: usize = 32;

/// One column's bytes as the server sent them (binary format), or `None` for NULL.
#[derive(Debug, Clone, Copy)]
pub struct Wire<'a>(pub &'a [u8]);

impl<'a> FromSql<'a> for Wire<'a> {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        Ok(Wire(raw))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A pulled key's columns, in the order the pull selects them.
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyColumns<'a> {
    pub entry_uuid: Option<&'a [u8]>,
    pub checkpoint_id: Option<&'a [u8]>,
    pub gate: Option<&'a [u8]>,
    pub recorded_at: Option<&'a [u8]>,
    pub code_hash: Option<&'a [u8]>,
    pub document_hash: Option<&'a [u8]>,
    pub plate: Option<&'a [u8]>,
}

/// The times a pulled key may have: inside the repeat window, not after now plus the skew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PullWindow {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl PullWindow {
    /// The repeat window ending now, with room for another kiosk's clock running ahead.
    pub fn ending(now: DateTime<Utc>, window_minutes: u32) -> Self {
        Self {
            since: now - Duration::minutes(i64::from(window_minutes)),
            until: now + CLOCK_SKEW,
        }
    }
}

/// Why a pulled row was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// A column is NULL where a value must be, or its bytes are not a value of its type.
    Undecodable,
    /// Dated after now (plus the skew) or before the repeat window.
    OutOfWindow,
    /// A hash that is not 32 bytes.
    BadHash,
    /// A plate that is too long or carries control characters.
    BadPlate,
    /// No checkpoint name left after cleaning.
    NoCheckpoint,
}

/// Decodes and checks one pulled key.
pub fn decode_key(columns: &KeyColumns, window: &PullWindow) -> Result<RemoteRepeat, Rejection> {
    let entry_id = EntryId(uuid(columns.entry_uuid.ok_or(Rejection::Undecodable)?)?);
    let at = timestamp(columns.recorded_at.ok_or(Rejection::Undecodable)?)?;
    if at < window.since || at > window.until {
        return Err(Rejection::OutOfWindow);
    }
    let checkpoint_id = clean_text(
        text(columns.checkpoint_id.ok_or(Rejection::Undecodable)?)?,
        MAX_NAME_CHARS,
    );
    if checkpoint_id.is_empty() {
        return Err(Rejection::NoCheckpoint);
    }
    let gate = clean_text(
        text(columns.gate.ok_or(Rejection::Undecodable)?)?,
        MAX_NAME_CHARS,
    );
    let plate = columns
        .plate
        .map(|bytes| {
            let plate = text(bytes)?;
            if plate.is_empty() || !is_clean(plate, MAX_PLATE_CHARS) {
                return Err(Rejection::BadPlate);
            }
            Ok(plate.to_owned())
        })
        .transpose()?;
    Ok(RemoteRepeat {
        entry_id,
        at,
        checkpoint_id,
        gate,
        code_hash: columns.code_hash.map(hash).transpose()?,
        document_hash: columns.document_hash.map(hash).transpose()?,
        plate,
    })
}

/// A `uuid` column: 16 bytes.
pub fn uuid(bytes: &[u8]) -> Result<Uuid, Rejection> {
    <[u8; 16]>::try_from(bytes)
        .map(Uuid::from_bytes)
        .map_err(|_| Rejection::Undecodable)
}

/// A `bigint` column: 8 bytes, big-endian.
pub fn int8(bytes: &[u8]) -> Result<i64, Rejection> {
    <[u8; 8]>::try_from(bytes)
        .map(i64::from_be_bytes)
        .map_err(|_| Rejection::Undecodable)
}

/// A `timestamptz` column: microseconds since 2000-01-01 UTC; `infinity` and times chrono
/// cannot hold are refused.
pub fn timestamp(bytes: &[u8]) -> Result<DateTime<Utc>, Rejection> {
    let micros = int8(bytes)?;
    if micros == i64::MAX || micros == i64::MIN {
        return Err(Rejection::OutOfWindow);
    }
    let base = Utc
        .with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .single()
        .ok_or(Rejection::Undecodable)?;
    base.checked_add_signed(Duration::microseconds(micros))
        .ok_or(Rejection::OutOfWindow)
}

fn text(bytes: &[u8]) -> Result<&str, Rejection> {
    std::str::from_utf8(bytes).map_err(|_| Rejection::Undecodable)
}

fn hash(bytes: &[u8]) -> Result<KeyedHash, Rejection> {
    if bytes.len() == HASH_BYTES {
        Ok(KeyedHash::from_hex(hex::encode(bytes)))
    } else {
        Err(Rejection::BadHash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn micros(at: DateTime<Utc>) -> [u8; 8] {
        let base = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
        (at - base).num_microseconds().unwrap().to_be_bytes()
    }

    #[test]
    fn a_good_row_is_kept_and_its_names_cleaned() {
        let now = Utc::now();
        let window = PullWindow::ending(now, 30);
        let uuid = Uuid::new_v4();
        let time = micros(now - Duration::minutes(1));
        let hash = [7u8; 32];
        let columns = KeyColumns {
            entry_uuid: Some(uuid.as_bytes()),
            checkpoint_id: Some("cp-east".as_bytes()),
            gate: Some("north\u{202E}\nline".as_bytes()),
            recorded_at: Some(&time),
            code_hash: Some(&hash),
            document_hash: None,
            plate: None,
        };
        let key = decode_key(&columns, &window).expect("kept");
        assert_eq!(key.gate, "north line");
        assert_eq!(key.code_hash.expect("hash").as_str(), hex::encode(hash));
    }

    #[test]
    fn infinity_future_and_short_hashes_are_refused() {
        let now = Utc::now();
        let window = PullWindow::ending(now, 30);
        let uuid = Uuid::new_v4();
        let good_time = micros(now);
        let columns = |time: &'static [u8], hash: Option<&'static [u8]>| KeyColumns {
            entry_uuid: None,
            checkpoint_id: Some(b"cp"),
            gate: Some(b"g"),
            recorded_at: Some(time),
            code_hash: hash,
            document_hash: None,
            plate: None,
        };
        let infinity: &'static [u8] = Box::leak(Box::new(i64::MAX.to_be_bytes()));
        let tomorrow: &'static [u8] = Box::leak(Box::new(micros(now + Duration::days(1))));
        let now_bytes: &'static [u8] = Box::leak(Box::new(good_time));
        let uuid_bytes: &'static [u8] = Box::leak(Box::new(*uuid.as_bytes()));
        for (time, hash, expected) in [
            (infinity, None, Rejection::OutOfWindow),
            (tomorrow, None, Rejection::OutOfWindow),
            (now_bytes, Some(&b"short"[..]), Rejection::BadHash),
        ] {
            let mut row = columns(time, hash);
            row.entry_uuid = Some(uuid_bytes);
            assert_eq!(decode_key(&row, &window), Err(expected));
        }
    }
}
