//! District merge: imports are idempotent by UUID and conflicting duplicates are reported.

use crate::store_support;

use std::path::Path;

use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::model::pii::{HashKind, PiiKey};
use checkpoint_kiosk::model::{Decision, HealthColour};
use checkpoint_kiosk::report::{
    ExportFormat, ExportRequest, ImportedHashes, ReportError, ReportScope, Summary, export,
    import_file,
};
use checkpoint_kiosk::store::{RepeatKey, Store};
use chrono::FixedOffset;
use store_support::*;

/// The key id of the hashing secret the support entries are made with.
fn shared_key_id() -> String {
    key().key_id()
}

fn kiosk_export(checkpoint_id: &str, path: &Path) -> Store {
    kiosk_export_with(checkpoint_id, path, None)
}

/// A kiosk's day exported; `hash_key_id` makes it an export for neighbouring kiosks.
fn kiosk_export_with(checkpoint_id: &str, path: &Path, hash_key_id: Option<&str>) -> Store {
    let mut kiosk = Store::open_in_memory().expect("store");
    let here = prov(checkpoint_id);
    kiosk
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &here,
            at(8, 0),
        )
        .expect("saved");
    let voided = kiosk
        .save_person(&screen(&registered()), &here, at(8, 30))
        .expect("saved");
    kiosk
        .void_entry(voided.entry_id, "wrong person", "王*", at(8, 31))
        .expect("voided");
    kiosk
        .save_vehicle(&car("粤B1C2D3", Decision::Divert), &here, at(9, 0))
        .expect("saved");
    let scope = ReportScope::Range {
        from: at(0, 0),
        to: at(23, 0),
        checkpoint_id: None,
    };
    let request = ExportRequest {
        scope: &scope,
        format: ExportFormat::Json,
        path,
        exported_by: "kiosk leader",
        at: at(20, 0),
        tz: FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
        hash_key_id,
        lang: checkpoint_kiosk::config::Language::ZhCn,
        checkpoint_name: None,
        pass_share: None,
        include_practice: false,
    };
    export(&mut kiosk, &request).expect("exported");
    kiosk
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let east = folder.path().join("east.json");
    let west = folder.path().join("west.json");
    kiosk_export("cp-east", &east);
    kiosk_export("cp-west", &west);
    let mut district = Store::open_in_memory().expect("district");

    let first =
        import_file(&mut district, &east, &shared_key_id(), "cp-importer").expect("imported");
    assert_eq!(
        (first.added, first.unchanged, first.conflicts.len()),
        (3, 0, 0)
    );
    let again =
        import_file(&mut district, &east, &shared_key_id(), "cp-importer").expect("imported again");
    assert_eq!(
        (again.added, again.unchanged, again.conflicts.len()),
        (0, 3, 0)
    );
    import_file(&mut district, &west, &shared_key_id(), "cp-importer").expect("second kiosk");

    let all = LogFilter {
        include_voided: true,
        ..LogFilter::default()
    };
    assert_eq!(district.entries(&all).expect("log").len(), 6);
    let scope = ReportScope::Range {
        from: at(0, 0),
        to: at(23, 0),
        checkpoint_id: None,
    };
    let summary = Summary::build(&district, &scope).expect("summary");
    let checkpoints: Vec<&str> = summary
        .by_checkpoint
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(checkpoints, ["cp-east", "cp-west"]);
    assert_eq!(
        (
            summary.totals.persons(),
            summary.totals.vehicles(),
            summary.totals.voided
        ),
        (2, 2, 2)
    );
}

#[test]
fn an_imported_entry_reads_back_as_exported_with_masked_data_only() {
    let folder = tempfile::tempdir().expect("temp dir");
    let east = folder.path().join("east.json");
    let kiosk = kiosk_export("cp-east", &east);
    let mut district = Store::open_in_memory().expect("district");
    import_file(&mut district, &east, &shared_key_id(), "cp-importer").expect("imported");
    let all = LogFilter {
        include_voided: true,
        ..LogFilter::default()
    };
    let original = kiosk.entries(&all).expect("log");
    let imported = district.entries(&all).expect("log");
    assert_eq!(imported, original, "same ids, times, labels, flags");
    let person = district
        .person(original[1].entry_id)
        .expect("read")
        .expect("imported person");
    let document = person.details.document.expect("masked document");
    assert_eq!(
        (document.masked.as_str(), document.hash.as_str()),
        ("110105********002X", "")
    );
    assert_eq!(
        person.voided.map(|voided| voided.reason).as_deref(),
        Some("wrong person")
    );
}

#[test]
fn a_uuid_with_different_content_is_reported_not_overwritten() {
    let folder = tempfile::tempdir().expect("temp dir");
    let east = folder.path().join("east.json");
    kiosk_export("cp-east", &east);
    let mut district = Store::open_in_memory().expect("district");
    import_file(&mut district, &east, &shared_key_id(), "cp-importer").expect("imported");

    let tampered = std::fs::read_to_string(&east)
        .expect("text")
        .replace("粤B1C2D3", "粤B9C9D9");
    let changed = folder.path().join("east-changed.json");
    std::fs::write(&changed, tampered).expect("written");
    let summary =
        import_file(&mut district, &changed, &shared_key_id(), "cp-importer").expect("imported");
    assert_eq!(
        (summary.added, summary.unchanged, summary.conflicts.len()),
        (0, 2, 1)
    );
    let conflict = &summary.conflicts[0];
    assert!(
        serde_json::to_string(&conflict.ours.details)
            .expect("json")
            .contains("粤B1C2D3")
    );
    assert!(
        serde_json::to_string(&conflict.theirs.details)
            .expect("json")
            .contains("粤B9C9D9")
    );
    let plates: Vec<String> = district
        .entries(&LogFilter::default())
        .expect("log")
        .into_iter()
        .map(|row| row.label)
        .collect();
    assert!(plates.contains(&"粤B1C2D3".to_owned()) && !plates.contains(&"粤B9C9D9".to_owned()));
}

#[test]
fn files_that_are_not_exports_are_refused_with_a_reason() {
    let folder = tempfile::tempdir().expect("temp dir");
    let other = folder.path().join("other.json");
    std::fs::write(
        &other,
        r#"{"schema":"checkpoint-kiosk.export/9","entries":[]}"#,
    )
    .expect("written");
    let mut district = Store::open_in_memory().expect("district");
    assert!(matches!(
        import_file(&mut district, &other, &shared_key_id(), "cp-importer"),
        Err(ReportError::UnknownSchema { .. })
    ));
    std::fs::write(&other, "hello").expect("written");
    assert!(matches!(
        import_file(&mut district, &other, &shared_key_id(), "cp-importer"),
        Err(ReportError::NotAnExport { .. })
    ));
    let missing = folder.path().join("missing.json");
    assert!(matches!(
        import_file(&mut district, &missing, &shared_key_id(), "cp-importer"),
        Err(ReportError::Read { .. })
    ));
}

#[test]
fn a_person_checked_at_a_neighbouring_kiosk_is_a_repeat_here() {
    let folder = tempfile::tempdir().expect("temp dir");
    let east = folder.path().join("east.json");
    kiosk_export_with("cp-east", &east, Some(&shared_key_id()));
    let text = std::fs::read_to_string(&east).expect("text");
    assert!(text.contains("\"hash_key_id\"") && text.contains("\"code_hash\""));

    let mut west = Store::open_in_memory().expect("west");
    let summary = import_file(&mut west, &east, &shared_key_id(), "cp-importer").expect("imported");
    assert_eq!(summary.hashes, ImportedHashes::Kept);
    // The same code shown at the west gate at 08:10 hashes alike under the shared secret.
    let code = key().hash(HashKind::CodePayload, PLAIN_CODE);
    let hit = west
        .find_repeat(&RepeatKey::Code(code), at(7, 40))
        .expect("look-up")
        .expect("recognised as a repeat");
    assert_eq!(hit.checkpoint_id, "cp-east");
    assert_eq!(hit.at, at(8, 0));

    // Importing the file again is still idempotent: the hashes are not part of the content.
    let again = import_file(&mut west, &east, &shared_key_id(), "cp-importer").expect("again");
    assert_eq!((again.added, again.conflicts.len()), (0, 0));
}

#[test]
fn hashes_made_with_another_secret_are_dropped_not_trusted() {
    let folder = tempfile::tempdir().expect("temp dir");
    let east = folder.path().join("east.json");
    kiosk_export_with("cp-east", &east, Some(&shared_key_id()));
    let ours = PiiKey::from_bytes(&[7u8; 32]).expect("key").key_id();

    let mut west = Store::open_in_memory().expect("west");
    let summary = import_file(&mut west, &east, &ours, "cp-importer").expect("imported");
    assert_eq!(
        summary.hashes,
        ImportedHashes::OtherSecret {
            theirs: shared_key_id(),
            ours
        }
    );
    assert_eq!(summary.added, 3);
    let code = key().hash(HashKind::CodePayload, PLAIN_CODE);
    assert_eq!(
        west.find_repeat(&RepeatKey::Code(code), at(7, 40))
            .expect("look-up"),
        None
    );
}

#[test]
fn reports_for_people_never_carry_hashes() {
    let folder = tempfile::tempdir().expect("temp dir");
    let plain = folder.path().join("plain.json");
    kiosk_export("cp-east", &plain);
    let text = std::fs::read_to_string(&plain).expect("text");
    assert!(
        !text.contains("_hash\"") && !text.contains("hash_key_id"),
        "{text}"
    );
    let code = key().hash(HashKind::CodePayload, PLAIN_CODE);
    assert!(!text.contains(code.as_str()));

    let mut west = Store::open_in_memory().expect("west");
    let summary =
        import_file(&mut west, &plain, &shared_key_id(), "cp-importer").expect("imported");
    assert_eq!(summary.hashes, ImportedHashes::NoneInFile);
}

#[test]
fn kinds_and_formats_keep_their_names_in_exports_and_an_unknown_one_is_refused_on_import() {
    let folder = tempfile::tempdir().expect("temp dir");
    let east = folder.path().join("east.json");
    kiosk_export("cp-east", &east);
    let text = std::fs::read_to_string(&east).expect("text");
    for field in [
        "\"code_format\":\"health-code\"",
        "\"document_kind\":\"resident-id\"",
        "\"plate_kind\":\"ordinary\"",
    ] {
        assert!(text.replace([' ', '\n'], "").contains(field), "{field}");
    }

    let unknown_kind = text.replace("\"ordinary\"", "\"hovercraft\"");
    let changed = folder.path().join("east-unknown-kind.json");
    std::fs::write(&changed, unknown_kind).expect("written");
    let mut district = Store::open_in_memory().expect("district");
    let summary =
        import_file(&mut district, &changed, &shared_key_id(), "cp-importer").expect("imported");
    assert_eq!((summary.added, summary.rejected.len()), (2, 1));
    let refused = &summary.rejected[0];
    assert!(
        refused.reason.contains("wrong type or value"),
        "{refused:?}"
    );
    assert!(
        !refused.reason.contains("hovercraft"),
        "the file is not quoted"
    );
}

/// Issue 24: a file claiming this kiosk's own checkpoint adds nothing (its entries would be
/// pushed to the district as ours), and control characters never get in.
#[test]
fn entries_under_the_importers_own_checkpoint_are_refused_and_control_characters_stripped() {
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("mine.json");
    kiosk_export("cp-west", &file);
    let mut west = Store::open_in_memory().expect("west");
    let summary = import_file(&mut west, &file, &shared_key_id(), "cp-west").expect("read");
    assert_eq!(summary.added, 0);
    assert_eq!(summary.rejected.len(), 3);
    assert!(
        summary.rejected[0].reason.contains("own checkpoint"),
        "{}",
        summary.rejected[0].reason
    );
    assert!(summary.rejected[0].reason_zh.contains("本机"));

    let hostile = folder.path().join("hostile.json");
    kiosk_export("cp-east", &hostile);
    let text = std::fs::read_to_string(&hostile)
        .expect("text")
        .replace("\"north\"", "\"nor\\u202eth\\u0000\\n\"");
    std::fs::write(&hostile, text).expect("written");
    let summary = import_file(&mut west, &hostile, &shared_key_id(), "cp-west").expect("imported");
    assert_eq!(summary.added, 3, "{:?}", summary.rejected);
    let all = LogFilter {
        include_voided: true,
        ..LogFilter::default()
    };
    for row in west.entries(&all).expect("log") {
        assert!(
            !row.gate.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{:?}",
            row.gate
        );
    }
}
