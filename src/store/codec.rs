//! How domain values are written to columns: small integers for enums, epoch-ms time keys,
//! 16-byte UUIDs, 32-byte hashes, and temperatures packed into one integer.
//!
//! The integer codes are part of the file format: append new values, never renumber.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{NamedColumn, StoreError};
use crate::model::entry::ColourSource;
use crate::model::pii::KeyedHash;
use crate::model::{
    Celsius, Decision, Direction, EntryId, HealthColour, MeasureMethod, TemperatureReading,
};

/// Entries saved in the same millisecond get consecutive keys below the next millisecond.
pub const KEYS_PER_MS: i64 = 4096;

/// The smallest entry key in the millisecond `at_ms`.
pub fn key_floor_ms(at_ms: i64) -> i64 {
    at_ms.saturating_mul(KEYS_PER_MS)
}

/// The smallest entry key at `at` (see [`key_floor_ms`]).
pub fn key_floor(at: DateTime<Utc>) -> i64 {
    key_floor_ms(at.timestamp_millis())
}

pub fn time_from_key(entry_key: i64) -> Result<DateTime<Utc>, StoreError> {
    time_from_ms(entry_key.div_euclid(KEYS_PER_MS))
}

pub fn time_from_ms(ms: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| StoreError::BadValue(format!("time {ms} ms")))
}

/// A new entry id that sorts by time (UUID version 7: 48-bit milliseconds, then 74 random
/// bits). New ids land at the end of the UUID index instead of at random places in it, which
/// keeps saves fast and the index compact at district scale; still unique across kiosks.
pub fn new_entry_id(at: DateTime<Utc>) -> EntryId {
    let random: [u8; 10] = rand::random();
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    EntryId(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
}

pub fn uuid_blob(entry_id: EntryId) -> [u8; 16] {
    *entry_id.0.as_bytes()
}

pub fn entry_id_from_blob(blob: &[u8]) -> Result<EntryId, StoreError> {
    Uuid::from_slice(blob)
        .map(EntryId)
        .map_err(|_| StoreError::BadValue(format!("entry id of {} bytes", blob.len())))
}

pub fn hash_blob(hash: &KeyedHash) -> Result<Vec<u8>, StoreError> {
    hex::decode(hash.as_str())
        .map_err(|_| StoreError::InvalidEntry("a personal hash is not hex".to_owned()))
}

pub fn hash_from_blob(blob: &[u8]) -> KeyedHash {
    KeyedHash::from_hex(hex::encode(blob))
}

/// The first 8 bytes of a hash as a signed integer: the key of `repeat_key`.
fn tag_from_digest(bytes: &[u8], kind_salt: i64) -> i64 {
    let mut head = [0u8; 8];
    let length = bytes.len().min(8);
    head[..length].copy_from_slice(&bytes[..length]);
    i64::from_le_bytes(head) ^ kind_salt
}

pub const CODE_TAG_SALT: i64 = 0x0C0D_E000_0000_0001;
pub const DOCUMENT_TAG_SALT: i64 = 0x0D0C_0000_0000_0002;

pub fn hash_tag(hash_bytes: &[u8], kind_salt: i64) -> i64 {
    tag_from_digest(hash_bytes, kind_salt)
}

/// Plates are not secret (they are on the car); a plain SHA-256 spreads them over the tag space.
pub fn plate_tag(plate: &str) -> i64 {
    let digest = Sha256::new()
        .chain_update(b"plate\0")
        .chain_update(plate.as_bytes())
        .finalize();
    tag_from_digest(&digest, 0)
}

pub fn direction_code(direction: Direction) -> i64 {
    match direction {
        Direction::In => 0,
        Direction::Out => 1,
    }
}

pub fn direction_from_code(code: i64) -> Result<Direction, StoreError> {
    match code {
        0 => Ok(Direction::In),
        1 => Ok(Direction::Out),
        _ => Err(StoreError::BadValue(format!("direction {code}"))),
    }
}

pub fn colour_code(colour: HealthColour) -> i64 {
    match colour {
        HealthColour::Green => 0,
        HealthColour::Yellow => 1,
        HealthColour::Red => 2,
        HealthColour::Unknown => 3,
    }
}

pub fn colour_from_code(code: i64) -> Result<HealthColour, StoreError> {
    HealthColour::ALL
        .into_iter()
        .find(|colour| colour_code(*colour) == code)
        .ok_or_else(|| StoreError::BadValue(format!("colour {code}")))
}

pub fn decision_code(decision: Decision) -> i64 {
    match decision {
        Decision::Pass => 0,
        Decision::Deny => 1,
        Decision::Refer => 2,
        Decision::Divert => 3,
    }
}

pub fn decision_from_code(code: i64) -> Result<Decision, StoreError> {
    Decision::ALL
        .into_iter()
        .find(|decision| decision_code(*decision) == code)
        .ok_or_else(|| StoreError::BadValue(format!("decision {code}")))
}

pub fn colour_source_code(source: ColourSource) -> i64 {
    match source {
        ColourSource::Scanned => 0,
        ColourSource::Confirmed => 1,
    }
}

pub fn colour_source_from_code(code: i64) -> Result<ColourSource, StoreError> {
    match code {
        0 => Ok(ColourSource::Scanned),
        1 => Ok(ColourSource::Confirmed),
        _ => Err(StoreError::BadValue(format!("colour source {code}"))),
    }
}

fn method_code(method: MeasureMethod) -> i64 {
    match method {
        MeasureMethod::Forehead => 0,
        MeasureMethod::Wrist => 1,
        MeasureMethod::Armpit => 2,
    }
}

/// Tenths of a degree times 4 plus the method: 36.5 °C by wrist is 365 * 4 + 1, two bytes.
pub fn reading_code(reading: TemperatureReading) -> i64 {
    let tenths = (reading.celsius.value() * 10.0).round() as i64;
    tenths * 4 + method_code(reading.method)
}

pub fn reading_from_code(code: i64) -> Result<TemperatureReading, StoreError> {
    let bad = || StoreError::BadValue(format!("temperature {code}"));
    let method = match code.rem_euclid(4) {
        0 => MeasureMethod::Forehead,
        1 => MeasureMethod::Wrist,
        2 => MeasureMethod::Armpit,
        _ => return Err(bad()),
    };
    let celsius = Celsius::new(code.div_euclid(4) as f32 / 10.0).map_err(|_| bad())?;
    Ok(TemperatureReading { celsius, method })
}

/// Most characters of an unknown name an error message repeats.
const SHOWN_NAME_CHARS: usize = 40;

/// The kind or format a name column holds. A name this app does not know is refused, never
/// read as a default: saved back or exported, the guess would replace what was recorded.
pub fn known_name<T>(
    column: NamedColumn,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(name).ok_or_else(|| StoreError::UnknownName {
        column,
        value: name
            .chars()
            .take(SHOWN_NAME_CHARS)
            .flat_map(char::escape_default)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_round_trip_through_one_integer() {
        for (value, method) in [
            (36.5, MeasureMethod::Wrist),
            (37.3, MeasureMethod::Forehead),
            (42.5, MeasureMethod::Armpit),
        ] {
            let reading = TemperatureReading {
                celsius: Celsius::new(value).expect("plausible"),
                method,
            };
            assert_eq!(reading_from_code(reading_code(reading)), Ok(reading));
        }
        assert!(reading_from_code(365 * 4 + 3).is_err());
    }

    #[test]
    fn enum_codes_round_trip() {
        for colour in HealthColour::ALL {
            assert_eq!(colour_from_code(colour_code(colour)), Ok(colour));
        }
        for decision in Decision::ALL {
            assert_eq!(decision_from_code(decision_code(decision)), Ok(decision));
        }
        for direction in Direction::ALL {
            assert_eq!(
                direction_from_code(direction_code(direction)),
                Ok(direction)
            );
        }
    }

    #[test]
    fn new_ids_sort_by_time_and_never_repeat() {
        let earlier = DateTime::from_timestamp_millis(1_700_000_000_000).expect("valid");
        let later = earlier + chrono::Duration::milliseconds(1);
        let first = new_entry_id(earlier);
        assert!(first < new_entry_id(later));
        assert_ne!(first, new_entry_id(earlier));
        assert_eq!(first.0.get_version_num(), 7);
    }

    #[test]
    fn time_keys_keep_the_millisecond() {
        let at = DateTime::from_timestamp_millis(1_700_000_000_123).expect("valid");
        assert_eq!(time_from_key(key_floor(at) + 17), Ok(at));
    }
}
