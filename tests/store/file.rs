//! The database file: durability across a killed process, refusing newer or damaged files, and
//! typed errors for a full disk or a folder that cannot be written.

use crate::store_support;

use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::model::{Decision, HealthColour};
use checkpoint_kiosk::store::{NamedColumn, SCHEMA_VERSION, Store, StoreError};
use store_support::*;

#[test]
fn a_committed_entry_survives_a_process_that_never_closed_the_database() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let mut store = Store::open(&path).expect("created");
    let saved = store
        .save_person(&screen(&registered()), &prov("cp-1"), at(9, 0))
        .expect("saved");
    // Like a killed process: no close, no WAL checkpoint, no destructor.
    std::mem::forget(store);

    let reopened = Store::open(&path).expect("reopened");
    assert_eq!(reopened.person(saved.entry_id).expect("read"), Some(saved));
}

#[test]
fn reopening_keeps_the_schema_version() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    drop(Store::open(&path).expect("created"));
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    drop(conn);
    assert!(Store::open(&path).is_ok(), "a current file opens again");
}

#[test]
fn a_database_from_a_newer_app_is_refused_with_advice_to_update() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    drop(Store::open(&path).expect("created"));
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("bump");
    drop(conn);
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 1));
    assert!(error.to_string().contains("update the app"));
}

#[test]
fn a_damaged_file_is_reported_with_its_path_and_the_backup_advice() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    std::fs::write(&path, vec![0x5Au8; 8192]).expect("garbage written");
    let error = Store::open(&path).err().expect("refused");
    assert!(matches!(error, StoreError::Damaged { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("kiosk.sqlite") && message.contains("backup"),
        "{message}"
    );
}

#[test]
fn a_full_disk_is_a_typed_error_and_nothing_is_half_saved() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let mut store = Store::open(&path).expect("created");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(8, 0),
        )
        .expect("saved");
    // SQLite reports a page limit exactly as it reports a full disk (SQLITE_FULL).
    let conn = rusqlite::Connection::open(&path).expect("second connection");
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .expect("pages");
    drop(conn);
    store.cap_file_pages(pages).expect("cap set");
    let mut saved = 1;
    let mut error = None;
    for minute in 1..600 {
        match store.save_person(
            &screen(&registered()),
            &prov("cp-1"),
            at(8 + minute / 60, minute % 60),
        ) {
            Ok(_) => saved += 1,
            Err(failure) => {
                error = Some(failure);
                break;
            }
        }
    }
    let error = error.expect("the page limit is reached");
    assert!(matches!(error, StoreError::DiskFull { .. }), "{error:?}");
    assert!(error.to_string().contains("NOT saved"));
    let listed = store
        .entries(&LogFilter {
            limit: 1000,
            ..LogFilter::default()
        })
        .expect("log still readable");
    assert_eq!(listed.len(), saved, "the failed entry left nothing behind");
}

#[test]
fn a_folder_that_cannot_be_written_is_a_typed_error() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().expect("temp dir");
    let locked = folder.path().join("locked");
    std::fs::create_dir(&locked).expect("folder");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("read-only");
    // Root ignores directory permissions; /sys refuses new files even for root.
    let probe = locked.join("probe");
    let target = if std::fs::write(&probe, b"x").is_ok() {
        std::path::PathBuf::from("/sys/checkpoint-kiosk.sqlite")
    } else {
        locked.join("kiosk.sqlite")
    };
    let error = Store::open(&target).err().expect("refused");
    assert!(
        matches!(
            error,
            StoreError::CannotOpen { .. } | StoreError::ReadOnly { .. }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("checkpoint-kiosk.sqlite")
            || error.to_string().contains("kiosk.sqlite")
    );
}

/// Run only as a child of the test below: saves one entry, prints its id, then dies without
/// closing anything (abort skips destructors, like a kill).
#[test]
#[ignore = "helper process for a_killed_process_loses_nothing_it_committed"]
fn child_saves_then_aborts() {
    let Some(path) = std::env::var_os("CHECKPOINT_KIOSK_CHILD_DB") else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).expect("opened");
    let saved = store
        .save_person(&screen(&registered()), &prov("cp-1"), at(9, 0))
        .expect("saved");
    println!("saved-entry {}", saved.entry_id);
    use std::io::Write;
    std::io::stdout().flush().expect("flushed");
    std::process::abort();
}

#[test]
fn a_killed_process_loses_nothing_it_committed() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "file::child_saves_then_aborts",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("CHECKPOINT_KIOSK_CHILD_DB", &path)
        .output()
        .expect("child ran");
    assert!(!output.status.success(), "the child was killed");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let entry_id = stdout
        .split("saved-entry ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the child reported its save");
    let reopened = Store::open(&path).expect("reopened after the kill");
    let rows = reopened.entries(&LogFilter::default()).expect("log");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].entry_id.to_string(), entry_id);
}

#[test]
fn a_database_locked_by_another_program_is_a_typed_error() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let mut store = Store::open(&path).expect("created");
    let other = rusqlite::Connection::open(&path).expect("other program");
    other.execute_batch("BEGIN EXCLUSIVE").expect("locked");
    // Waits out the busy timeout (5 s) before giving up.
    let error = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(8, 0),
        )
        .expect_err("refused while locked");
    assert!(matches!(error, StoreError::Locked { .. }), "{error:?}");
    assert!(error.to_string().contains("close the other"));
    other.execute_batch("ROLLBACK").expect("released");
    assert!(
        store
            .save_person(
                &screen(&scanned(HealthColour::Green, 36.5)),
                &prov("cp-1"),
                at(8, 0)
            )
            .is_ok()
    );
}

/// Renames `stored` in the word table behind the store's back, as a newer app (or a hand edit)
/// could, and reads the entry back.
fn read_back_after_renaming(
    path: &std::path::Path,
    entry_id: checkpoint_kiosk::model::EntryId,
    stored: &str,
) -> Result<Option<checkpoint_kiosk::store::StoredEntry>, StoreError> {
    let conn = rusqlite::Connection::open(path).expect("raw open");
    let renamed = conn
        .execute(
            "UPDATE word SET text = 'hovercraft-licence' WHERE text = ?1",
            [stored],
        )
        .expect("renamed");
    assert_eq!(renamed, 1, "{stored} is stored once in the word table");
    drop(conn);
    Store::open(path).expect("reopened").entry(entry_id)
}

fn assert_unknown_name(
    result: Result<Option<checkpoint_kiosk::store::StoredEntry>, StoreError>,
    column: NamedColumn,
    english: &str,
) {
    let error = result.expect_err("an unknown name is refused, not read as a default");
    assert_eq!(
        error,
        StoreError::UnknownName {
            column,
            value: "hovercraft-licence".to_owned()
        }
    );
    let message = error.to_string();
    assert!(message.contains(english), "{message}");
    assert!(message.contains("hovercraft-licence"), "{message}");
    assert!(message.contains("update the app"), "{message}");
    let zh = checkpoint_kiosk::text::store_errors::zh(&error);
    let column_zh = checkpoint_kiosk::text::store_errors::column_name(column);
    assert!(zh.contains(column_zh), "{zh}");
}

#[test]
fn an_unknown_plate_kind_in_the_database_is_a_clear_error() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let mut store = Store::open(&path).expect("created");
    let saved = store
        .save_vehicle(&car("粤B12345", Decision::Pass), &prov("cp-1"), at(9, 0))
        .expect("saved");
    drop(store);
    assert_unknown_name(
        read_back_after_renaming(&path, saved.entry_id, "ordinary"),
        NamedColumn::PlateKind,
        "plate kind",
    );
}

#[test]
fn an_unknown_code_format_in_the_database_is_a_clear_error() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let mut store = Store::open(&path).expect("created");
    let saved = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(9, 0),
        )
        .expect("saved");
    drop(store);
    assert_unknown_name(
        read_back_after_renaming(&path, saved.entry_id, "health-code"),
        NamedColumn::CodeFormat,
        "code format",
    );
}

#[test]
fn an_unknown_document_kind_in_the_database_is_a_clear_error() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let mut store = Store::open(&path).expect("created");
    let saved = store
        .save_person(&screen(&registered()), &prov("cp-1"), at(9, 0))
        .expect("saved");
    drop(store);
    assert_unknown_name(
        read_back_after_renaming(&path, saved.entry_id, "resident-id"),
        NamedColumn::DocumentKind,
        "document kind",
    );
}

#[test]
fn kinds_and_formats_are_stored_under_the_names_older_files_hold() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let mut store = Store::open(&path).expect("created");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(9, 0),
        )
        .expect("scanned saved");
    store
        .save_person(&screen(&registered()), &prov("cp-1"), at(9, 1))
        .expect("registered saved");
    store
        .save_vehicle(&car("粤B12345", Decision::Pass), &prov("cp-1"), at(9, 2))
        .expect("car saved");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    for name in ["health-code", "resident-id", "ordinary"] {
        let found: i64 = conn
            .query_row("SELECT count(*) FROM word WHERE text = ?1", [name], |row| {
                row.get(0)
            })
            .expect("counted");
        assert_eq!(found, 1, "{name}");
    }
}
