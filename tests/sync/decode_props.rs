//! Property tests for the pull's row decoder (issue 24 item 8): whatever bytes another kiosk
//! (or a broken server) sends, decoding never panics, and a row it keeps is one the gate can
//! trust: dated inside the window, names short and free of control characters, hashes of 32
//! bytes, plates plain.

use checkpoint_kiosk::sync::decode::{
    self, CLOCK_SKEW, HASH_BYTES, KeyColumns, MAX_NAME_CHARS, MAX_PLATE_CHARS, PullWindow,
};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

fn column() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        Just(None),
        proptest::collection::vec(any::<u8>(), 0..80).prop_map(Some),
        // Text a hostile kiosk would choose: controls, direction marks, CJK, long runs.
        "[a-z\u{0}-\u{1f}\u{202a}-\u{202e}\u{200b}门粤B0-9 \n]{0,90}"
            .prop_map(|text| Some(text.into_bytes())),
        Just(Some(vec![7u8; 32])),
    ]
}

fn time_column(now_micros: i64) -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        Just(None),
        any::<i64>().prop_map(|micros| Some(micros.to_be_bytes().to_vec())),
        (-3_600_000_000i64..600_000_000)
            .prop_map(move |offset| Some((now_micros + offset).to_be_bytes().to_vec())),
        Just(Some(i64::MAX.to_be_bytes().to_vec())),
        Just(Some(i64::MIN.to_be_bytes().to_vec())),
        proptest::collection::vec(any::<u8>(), 0..12).prop_map(Some),
    ]
}

fn uuid_column() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        Just(None),
        proptest::collection::vec(any::<u8>(), 16).prop_map(Some),
        proptest::collection::vec(any::<u8>(), 0..20).prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn decoding_never_panics_and_keeps_only_trustworthy_rows(
        uuid in uuid_column(),
        checkpoint in column(),
        gate in column(),
        at in time_column(
            (Utc::now() - Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap())
                .num_microseconds()
                .unwrap()
        ),
        code in column(),
        document in column(),
        plate in column(),
    ) {
        let now = Utc::now();
        let window = PullWindow::ending(now, 30);
        let columns = KeyColumns {
            entry_uuid: uuid.as_deref(),
            checkpoint_id: checkpoint.as_deref(),
            gate: gate.as_deref(),
            recorded_at: at.as_deref(),
            code_hash: code.as_deref(),
            document_hash: document.as_deref(),
            plate: plate.as_deref(),
        };
        if let Ok(key) = decode::decode_key(&columns, &window) {
            prop_assert!(key.at >= window.since && key.at <= now + CLOCK_SKEW);
            for name in [&key.checkpoint_id, &key.gate] {
                prop_assert!(name.chars().count() <= MAX_NAME_CHARS);
                let hidden = name
                    .chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || c == '\u{200b}');
                prop_assert!(!hidden, "{:?}", name);
            }
            prop_assert!(!key.checkpoint_id.is_empty());
            for hash in [&key.code_hash, &key.document_hash].into_iter().flatten() {
                prop_assert_eq!(hash.as_str().len(), HASH_BYTES * 2);
            }
            if let Some(plate) = &key.plate {
                prop_assert!(plate.chars().count() <= MAX_PLATE_CHARS);
                prop_assert!(!plate.chars().any(char::is_control));
            }
        }
    }

    #[test]
    fn any_eight_bytes_decode_to_a_time_or_a_refusal(bytes in proptest::collection::vec(any::<u8>(), 0..16)) {
        let _ = decode::timestamp(&bytes);
        let _ = decode::int8(&bytes);
        let _ = decode::uuid(&bytes);
    }
}
