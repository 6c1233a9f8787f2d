//! Bounded CBOR reading and small helpers to walk a decoded value.

use ciborium::value::{Integer, Value};

/// Deepest nesting accepted; real certificates use about five levels.
pub const MAX_CBOR_DEPTH: usize = 16;
/// Longest array or map accepted anywhere; certificates hold a handful of entries.
pub const MAX_CBOR_ITEMS: usize = 256;

/// Decodes one CBOR item from exactly `bytes`, refusing deep nesting, long collections and
/// trailing bytes.
pub fn decode_bounded(bytes: &[u8]) -> Option<Value> {
    let mut reader = bytes;
    let value: Value =
        ciborium::de::from_reader_with_recursion_limit(&mut reader, MAX_CBOR_DEPTH).ok()?;
    (reader.is_empty() && collections_are_small(&value, 0)).then_some(value)
}

fn collections_are_small(value: &Value, depth: usize) -> bool {
    if depth > MAX_CBOR_DEPTH {
        return false;
    }
    match value {
        Value::Array(items) => {
            items.len() <= MAX_CBOR_ITEMS
                && items
                    .iter()
                    .all(|item| collections_are_small(item, depth + 1))
        }
        Value::Map(entries) => {
            entries.len() <= MAX_CBOR_ITEMS
                && entries.iter().all(|(key, item)| {
                    collections_are_small(key, depth + 1) && collections_are_small(item, depth + 1)
                })
        }
        Value::Tag(_, inner) => collections_are_small(inner, depth + 1),
        _ => true,
    }
}

/// Encodes a value; encoding into a Vec only fails on a writer error, which a Vec never has.
pub fn encode(value: &Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    // A Vec writer cannot fail, so an error here would be a ciborium bug; return what we have.
    let _ = ciborium::ser::into_writer(value, &mut bytes);
    bytes
}

/// The value under integer key `label` in a CBOR map.
pub fn map_get_int(map: &[(Value, Value)], label: i64) -> Option<&Value> {
    map.iter()
        .find(|(key, _)| key.as_integer().and_then(|k| i64::try_from(k).ok()) == Some(label))
        .map(|(_, value)| value)
}

/// The value under text key `name` in a CBOR map.
pub fn map_get_text<'a>(map: &'a [(Value, Value)], name: &str) -> Option<&'a Value> {
    map.iter()
        .find(|(key, _)| key.as_text() == Some(name))
        .map(|(_, value)| value)
}

/// Text field `name` of a map value.
pub fn text_field<'a>(value: &'a Value, name: &str) -> Option<&'a str> {
    map_get_text(value.as_map()?, name)?.as_text()
}

/// An integer as i64 when it fits.
pub fn as_i64(value: &Value) -> Option<i64> {
    value
        .as_integer()
        .and_then(|integer: Integer| i64::try_from(integer).ok())
}

/// A number that may be encoded as an integer or a float (NumericDate allows both).
pub fn as_seconds(value: &Value) -> Option<i64> {
    match value {
        Value::Float(float) if float.is_finite() && float.abs() < 1e15 => {
            Some(float.trunc() as i64)
        }
        other => as_i64(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_trailing_bytes_and_deep_nesting() {
        assert!(decode_bounded(&[0x01]).is_some());
        assert!(decode_bounded(&[0x01, 0x01]).is_none());
        let deep = vec![0x81u8; 40]
            .into_iter()
            .chain([0x01])
            .collect::<Vec<u8>>();
        assert!(decode_bounded(&deep).is_none());
    }

    #[test]
    fn refuses_long_arrays_and_huge_declared_lengths() {
        let mut long = vec![0x99, 0x01, 0x2c]; // array of 300 items
        long.extend(std::iter::repeat_n(0x00, 300));
        assert!(decode_bounded(&long).is_none());
        // An array claiming 2^32 items in a few bytes must fail without allocating them.
        assert!(decode_bounded(&[0x9b, 0, 0, 0, 1, 0, 0, 0, 0]).is_none());
    }
}
