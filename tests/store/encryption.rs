//! Encryption at rest (SQLCipher): without the passphrase a stolen laptop's database, its WAL
//! and its backups give nothing away; with it everything works as before.

use std::path::Path;

use checkpoint_kiosk::config::{DataDir, Passphrase};
use checkpoint_kiosk::model::Decision;
use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::store::backup::{check_file, list_backups, restore_backup};
use checkpoint_kiosk::store::{FileState, Store, StoreError, file_state};

use crate::cli_support::{kiosk, kiosk_with_passphrase, stderr_of, stdout_of};
use crate::store_support::*;

const PLATE: &str = "粤B1C2D3";
const PASSPHRASE: &str = "night shift gate 3";

fn passphrase(text: &str) -> Passphrase {
    Passphrase::new(text.to_owned()).expect("long enough")
}

fn save_a_car(store: &mut Store) {
    store
        .save_vehicle(&car(PLATE, Decision::Pass), &prov("cp-east"), at(8, 0))
        .expect("saved");
}

/// Whether the plate's UTF-8 bytes (or a plain SQLite header) appear in the file or its WAL.
fn readable_on_disk(path: &Path) -> bool {
    ["", "-wal"].iter().any(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::fs::read(&name).is_ok_and(|bytes| {
            [PLATE.as_bytes(), b"SQLite format 3".as_slice()]
                .iter()
                .any(|needle| bytes.windows(needle.len()).any(|window| window == *needle))
        })
    })
}

fn entry_count(store: &Store) -> usize {
    store.entries(&LogFilter::default()).expect("log").len()
}

#[test]
fn an_encrypted_database_opens_only_with_its_passphrase_and_shows_nothing_on_disk() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite3");
    let mut store = Store::open_keyed(&path, Some(&passphrase(PASSPHRASE))).expect("created");
    save_a_car(&mut store);
    assert!(!readable_on_disk(&path), "nothing readable while open");
    drop(store);
    assert_eq!(file_state(&path).expect("state"), FileState::Encrypted);
    assert!(!readable_on_disk(&path));

    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NeedsPassphrase { .. })
    ));
    assert!(matches!(
        Store::open_keyed(&path, Some(&passphrase("the wrong words"))),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let store = Store::open_keyed(&path, Some(&passphrase(PASSPHRASE))).expect("opened");
    assert_eq!(entry_count(&store), 1);
}

#[test]
fn db_encrypt_turns_a_plain_database_into_an_encrypted_one_and_commands_then_need_the_passphrase() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    let database = DataDir::open(data.clone()).expect("data").database_path();
    save_a_car(&mut Store::open(&database).expect("plain"));
    assert!(readable_on_disk(&database), "a plain file shows its plates");

    let done = stdout_of(&kiosk_with_passphrase(
        &data,
        PASSPHRASE,
        &["db", "encrypt"],
    ));
    assert!(done.contains("encrypted"), "{done}");
    assert_eq!(file_state(&database).expect("state"), FileState::Encrypted);
    assert!(!readable_on_disk(&database), "no plain copy left behind");

    let refused = kiosk(&data, &["db", "check"]);
    assert!(!refused.status.success());
    assert!(
        stderr_of(&refused).contains("CHECKPOINT_KIOSK_PASSPHRASE"),
        "{}",
        stderr_of(&refused)
    );
    let wrong = kiosk_with_passphrase(&data, "the wrong words", &["db", "check"]);
    assert!(
        stderr_of(&wrong).contains("wrong passphrase"),
        "{}",
        stderr_of(&wrong)
    );
    let checked = stdout_of(&kiosk_with_passphrase(&data, PASSPHRASE, &["db", "check"]));
    assert_eq!(checked.trim(), "ok");
    let again = kiosk_with_passphrase(&data, PASSPHRASE, &["db", "encrypt"]);
    assert!(
        stderr_of(&again).contains("already encrypted"),
        "{}",
        stderr_of(&again)
    );
}

#[test]
fn backups_of_an_encrypted_database_are_encrypted_and_restore_with_the_passphrase() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    let database = DataDir::open(data.clone()).expect("data").database_path();
    let key = passphrase(PASSPHRASE);
    save_a_car(&mut Store::open_keyed(&database, Some(&key)).expect("created"));

    stdout_of(&kiosk_with_passphrase(&data, PASSPHRASE, &["backup"]));
    let backups = list_backups(&data.join("backups"));
    let backup = backups.last().expect("one backup");
    assert_eq!(file_state(backup).expect("state"), FileState::Encrypted);
    assert!(!readable_on_disk(backup));
    assert!(matches!(
        check_file(backup, None),
        Err(StoreError::NeedsPassphrase { .. })
    ));
    assert!(check_file(backup, Some(&key)).expect("checked").is_empty());

    restore_backup(backup, &database, chrono::Utc::now(), Some(&key)).expect("restored");
    let store = Store::open_keyed(&database, Some(&key)).expect("opened");
    assert_eq!(entry_count(&store), 1);
}

#[test]
fn a_plain_database_given_a_passphrase_says_to_encrypt_it_first() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite3");
    save_a_car(&mut Store::open(&path).expect("plain"));
    let error = Store::open_keyed(&path, Some(&passphrase(PASSPHRASE))).err();
    assert!(
        matches!(error, Some(StoreError::NotEncrypted { .. })),
        "{error:?}"
    );
    assert!(error.is_some_and(|error| error.to_string().contains("db encrypt")));
}

#[test]
fn voids_backups_and_restores_leave_audit_lines_that_name_no_person() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    let database = DataDir::open(data.clone()).expect("data").database_path();
    let mut store = Store::open(&database).expect("plain");
    let saved = store
        .save_vehicle(&car(PLATE, Decision::Pass), &prov("cp-east"), at(8, 0))
        .expect("saved");
    store
        .void_entry(
            saved.entry_id,
            &format!("{PLATE} 登记错了"),
            "张三",
            at(8, 5),
        )
        .expect("voided");
    drop(store);
    stdout_of(&kiosk(&data, &["backup"]));
    let audit_after_backup = audit_lines(&database);
    // A restore puts back the backup's own audit lines and adds its own.
    stdout_of(&kiosk(&data, &["restore", "--latest"]));
    let audit_after_restore = audit_lines(&database);
    for (expected, audit) in [
        ("void", &audit_after_backup),
        ("backup", &audit_after_backup),
        ("void", &audit_after_restore),
        ("restore", &audit_after_restore),
    ] {
        assert!(
            audit.iter().any(|(action, _)| action == expected),
            "{expected} in {audit:?}"
        );
    }
    for (_, detail) in audit_after_backup.iter().chain(&audit_after_restore) {
        assert!(
            !detail.contains(PLATE) && !detail.contains("张三"),
            "{detail}"
        );
    }
}

fn audit_lines(database: &Path) -> Vec<(String, String)> {
    Store::open(database)
        .expect("opened")
        .audit_log(10)
        .expect("audit")
        .into_iter()
        .map(|(_, action, detail)| (action, detail))
        .collect()
}

/// `db passphrase` from `old` to `new`, both given in the environment as a script would.
fn db_passphrase(data: &Path, old: &str, new: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .env("CHECKPOINT_KIOSK_PASSPHRASE", old)
        .env("CHECKPOINT_KIOSK_NEW_PASSPHRASE", new)
        .arg("--data-dir")
        .arg(data)
        .args(["db", "passphrase"])
        .output()
        .expect("run checkpoint-kiosk")
}

#[test]
fn db_passphrase_rekeys_the_database_and_its_backups_and_leaves_an_audit_line_without_either_passphrase()
 {
    const NEW: &str = "morning shift gate 3";
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    let database = DataDir::open(data.clone()).expect("data").database_path();
    let old = passphrase(PASSPHRASE);
    save_a_car(&mut Store::open_keyed(&database, Some(&old)).expect("created"));
    stdout_of(&kiosk_with_passphrase(&data, PASSPHRASE, &["backup"]));

    let same = db_passphrase(&data, PASSPHRASE, PASSPHRASE);
    assert!(
        stderr_of(&same).contains("the old one"),
        "{}",
        stderr_of(&same)
    );

    let changed = db_passphrase(&data, PASSPHRASE, NEW);
    assert!(
        stdout_of(&changed).contains("1 backup"),
        "{}",
        stdout_of(&changed)
    );

    assert!(matches!(
        Store::open_keyed(&database, Some(&old)),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let new = passphrase(NEW);
    let store = Store::open_keyed(&database, Some(&new)).expect("opens with the new one");
    assert_eq!(entry_count(&store), 1);
    let audit = store.audit_log(10).expect("audit");
    assert!(
        audit.iter().any(|(_, action, _)| action == "passphrase"),
        "{audit:?}"
    );
    for (_, _, detail) in &audit {
        assert!(
            !detail.contains(PASSPHRASE) && !detail.contains(NEW),
            "{detail}"
        );
    }
    drop(store);
    assert!(!readable_on_disk(&database));
    let backup = list_backups(&data.join("backups"))
        .pop()
        .expect("the backup");
    assert!(check_file(&backup, Some(&new)).expect("checked").is_empty());
    assert!(matches!(
        check_file(&backup, Some(&old)),
        Err(StoreError::WrongPassphrase { .. })
    ));
}

#[test]
fn sharing_and_joining_the_hashing_secret_leave_audit_lines_with_key_ids_only() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (east, west) = (folder.path().join("east"), folder.path().join("west"));
    let databases =
        [&east, &west].map(|data| DataDir::open(data.clone()).expect("data").database_path());
    for database in &databases {
        drop(Store::open(database).expect("created"));
    }
    let secret = folder.path().join("district.secret");
    let secret_arg = secret.to_str().expect("utf-8 path");
    stdout_of(&kiosk(
        &east,
        &["keys", "share-secret", "--out", secret_arg],
    ));
    stdout_of(&kiosk(&west, &["keys", "join-secret", secret_arg]));
    let secret_text = std::fs::read_to_string(&secret).expect("secret file");
    let secret_words: Vec<&str> = secret_text
        .split_whitespace()
        .filter(|word| word.len() >= 24)
        .collect();
    assert!(
        !secret_words.is_empty(),
        "the file holds the secret: {secret_text}"
    );

    for (database, expected) in databases.iter().zip(["written to a file", "joined"]) {
        let audit = audit_lines(database);
        let keys: Vec<&String> = audit
            .iter()
            .filter(|(action, _)| action == "keys")
            .map(|(_, detail)| detail)
            .collect();
        assert!(
            keys.iter().any(|detail| detail.contains(expected)),
            "{audit:?}"
        );
        for detail in keys {
            assert!(
                secret_words.iter().all(|word| !detail.contains(word)),
                "{detail}"
            );
        }
    }
}
