//! Issue 10's table, storage side: private files, racing first starts, range-checked settings,
//! checked date arithmetic, purged rows really gone, one instance per data folder, durable
//! commits, the pass register after the card, backups and `db check`.

use crate::cli_support::{kiosk, stderr_of, stdout_of};
use crate::store_support;
use checkpoint_kiosk::text::Bilingual;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use checkpoint_kiosk::config::{ConfigError, DataDir, KioskConfig, write_shared_secret};
use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::model::pii::PiiKey;
use checkpoint_kiosk::store::backup::{check_file, latest_backup, list_backups, restore_backup};
use checkpoint_kiosk::store::{Store, StoreError};
use store_support::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777
}

fn all_entries(store: &Store) -> usize {
    store
        .entries(&LogFilter {
            limit: 100_000,
            ..LogFilter::default()
        })
        .expect("log")
        .len()
}

#[test]
fn the_data_folder_is_0700_and_the_secret_database_and_settings_are_0600() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().join("data")).expect("data dir");
    data.load_config().expect("defaults written");
    data.pii_key().expect("secret made");
    drop(Store::open(&data.database_path()).expect("database made"));
    assert_eq!(mode(data.root()), 0o700);
    assert_eq!(mode(&data.keys_dir()), 0o700);
    assert_eq!(mode(&data.keys_dir().join("installation.secret")), 0o600);
    assert_eq!(mode(&data.database_path()), 0o600);
    assert_eq!(mode(&data.config_path()), 0o600);
}

#[test]
fn an_older_world_readable_database_is_narrowed_to_0600_when_opened() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite3");
    drop(Store::open(&path).expect("made"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("widened");
    drop(Store::open(&path).expect("reopened"));
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn share_secret_writes_its_file_owner_only_and_never_over_another_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("district.secret");
    write_shared_secret(&file, &PiiKey::generate()).expect("written");
    assert_eq!(mode(&file), 0o600);
    let before = std::fs::read(&file).expect("read");
    let error = write_shared_secret(&file, &PiiKey::generate()).expect_err("not replaced");
    assert!(
        matches!(error, ConfigError::AlreadyExists { .. }),
        "{error}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() != "district.secret")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );
}

#[test]
fn two_processes_starting_on_a_new_data_folder_share_one_secret_one_config_and_one_schema() {
    for round in 0..15 {
        let folder = tempfile::tempdir().expect("temp dir");
        let root = folder.path().join(format!("data-{round}"));
        let starts: Vec<_> = (0..6)
            .map(|number| {
                let root = root.clone();
                let start = std::thread::Builder::new().name(format!("start-{number}"));
                start
                    .spawn(move || -> Result<(String, String), String> {
                        let data = DataDir::open(root).map_err(|e| e.to_string())?;
                        let config = data.load_config().map_err(|e| e.to_string())?;
                        let key = data.pii_key().map_err(|e| e.to_string())?;
                        Store::open(&data.database_path()).map_err(|e| e.to_string())?;
                        Ok((key.key_id(), config.checkpoint_id))
                    })
                    .expect("thread started")
            })
            .collect();
        let results: Vec<_> = starts
            .into_iter()
            .map(|start| start.join().expect("no panic"))
            .collect();
        let first = results[0].clone().expect("started");
        for result in &results {
            assert_eq!(result.as_ref(), Ok(&first), "round {round}: {results:?}");
        }
        let data = DataDir::open(root).expect("reopen");
        assert_eq!(data.pii_key().expect("key").key_id(), first.0);
        assert_eq!(data.load_config().expect("config").checkpoint_id, first.1);
    }
}

fn write_config(data: &DataDir, line: &str) {
    let config = KioskConfig {
        checkpoint_id: "east-gate".to_owned(),
        ..KioskConfig::default()
    };
    data.save_config(&config).expect("valid config");
    let text = std::fs::read_to_string(data.config_path()).expect("read");
    let field = line.split('=').next().expect("field").trim();
    let kept: Vec<&str> = text
        .lines()
        .filter(|existing| !existing.starts_with(&format!("{field} =")))
        .collect();
    // Top-level keys must precede any table.
    std::fs::write(data.config_path(), format!("{line}\n{}", kept.join("\n"))).expect("edited");
}

#[test]
fn kiosk_toml_with_retention_days_4294967295_is_refused_with_the_field_named() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().to_path_buf()).expect("data dir");
    write_config(&data, "retention_days = 4294967295");
    let error = data.load_config().expect_err("refused");
    assert!(error.to_string().contains("retention_days"), "{error}");
    assert!(
        Bilingual::zh(&error).contains("retention_days"),
        "{}",
        Bilingual::zh(&error)
    );
    // The purge command says so instead of panicking.
    let output = kiosk(data.root(), &["purge"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("retention_days"));
}

#[test]
fn kiosk_toml_with_a_nan_fever_threshold_is_refused_so_the_alarm_cannot_go_silent() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().to_path_buf()).expect("data dir");
    write_config(&data, "fever_threshold_celsius = nan");
    let error = data.load_config().expect_err("refused");
    assert!(
        error.to_string().contains("fever_threshold_celsius"),
        "{error}"
    );
}

#[test]
fn kiosk_toml_with_an_empty_checkpoint_id_is_refused() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().to_path_buf()).expect("data dir");
    write_config(&data, "checkpoint_id = \"\"");
    let error = data.load_config().expect_err("refused");
    assert!(error.to_string().contains("checkpoint_id"), "{error}");
    let config = KioskConfig {
        checkpoint_id: "  ".to_owned(),
        ..KioskConfig::default()
    };
    assert!(
        data.save_config(&config).is_err(),
        "nor saved from Settings"
    );
}

#[test]
fn purge_days_4294967295_is_refused_without_a_panic() {
    let folder = tempfile::tempdir().expect("temp dir");
    let output = kiosk(folder.path(), &["purge", "--days", "4294967295"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("--days"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn purge_leaves_no_purged_row_readable_in_free_pages_or_the_wal() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite3");
    let marker = "PURGED-NOTE-7f3a";
    let mut store = Store::open(&path).expect("store");
    for minute in 0..300 {
        let mut entry = registered();
        entry.note = Some(format!("{marker} {minute} {}", "x".repeat(200)));
        store
            .save_person(
                &screen(&entry),
                &prov("cp-1"),
                at(1 + minute / 60, minute % 60),
            )
            .expect("saved");
    }
    store.checkpointed_size_bytes().expect("checkpoint");
    let summary = store.purge_older_than(at(23, 0)).expect("purged");
    assert_eq!(summary.persons, 300);
    for suffix in ["", "-wal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let bytes = std::fs::read(&name).unwrap_or_default();
        let found = bytes
            .windows(marker.len())
            .filter(|window| *window == marker.as_bytes())
            .count();
        assert_eq!(
            found,
            0,
            "{} still holds purged notes",
            Path::new(&name).display()
        );
    }
}

#[test]
fn a_database_with_a_newer_schema_is_refused_before_its_journal_mode_is_switched() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite3");
    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
        .expect("future file");
    drop(conn);
    let error = Store::open(&path).err().expect("refused");
    assert!(
        matches!(error, StoreError::TooNew { found: 999, .. }),
        "{error:?}"
    );
    let conn = rusqlite::Connection::open(&path).expect("raw");
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .expect("mode");
    assert_eq!(journal, "delete", "the newer app's file was left as it was");
}

#[test]
fn a_second_instance_on_the_same_data_folder_is_refused_politely() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().to_path_buf()).expect("data dir");
    let first = data.lock_instance().expect("first instance");
    let error = data.lock_instance().expect_err("second refused");
    assert!(matches!(error, ConfigError::InUse { .. }));
    assert!(error.to_string().contains("already using"), "{error}");
    assert!(
        Bilingual::zh(&error).contains("正在使用"),
        "{}",
        Bilingual::zh(&error)
    );
    let output = kiosk(data.root(), &["load", "--rate", "5", "--duration", "1"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("already using"),
        "{}",
        stderr_of(&output)
    );
    drop(first);
    assert!(
        data.lock_instance().is_ok(),
        "free again once the first has gone"
    );
}

#[test]
fn entries_are_committed_with_synchronous_full_so_saved_survives_a_power_cut() {
    let folder = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&folder.path().join("kiosk.sqlite3")).expect("store");
    assert_eq!(store.synchronous_level().expect("pragma"), 2, "2 is FULL");
}

#[test]
fn the_pass_register_is_written_after_the_card_so_a_failed_card_records_no_pass() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    stdout_of(&kiosk(&data, &["keys", "init"]));
    // The card's folder is a file: the card cannot be written.
    let blocker = folder.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").expect("blocker");
    let output = kiosk(
        &data,
        &[
            "pass",
            "issue",
            "--holder",
            "李四",
            "--unit",
            "3-2-101",
            "--kind",
            "resident",
            "--days",
            "30",
            "--out",
            blocker.join("card.png").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let listed = stdout_of(&kiosk(&data, &["pass", "list"]));
    assert!(!listed.contains("\"id\""), "no pass nobody holds: {listed}");
}

#[test]
fn a_backup_made_while_saving_holds_every_committed_entry_and_restores() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite3");
    let backups = folder.path().join("usb");
    let mut store = Store::open(&path).expect("store");
    for minute in 0..50 {
        store
            .save_person(&screen(&registered()), &prov("cp-1"), at(8, minute))
            .expect("saved");
    }
    let backup = store
        .backup_into(&backups, 3, chrono::Utc::now())
        .expect("backed up");
    assert_eq!(mode(&backup), 0o600);
    assert!(check_file(&backup, None).expect("checked").is_empty());
    store
        .save_person(&screen(&registered()), &prov("cp-1"), at(9, 0))
        .expect("saved after the backup");
    drop(store);
    let aside = restore_backup(&backup, &path, chrono::Utc::now(), None).expect("restored");
    let restored = Store::open(&path).expect("opens");
    assert_eq!(all_entries(&restored), 50);
    assert!(aside.exists(), "the replaced database is kept, not deleted");
    assert_eq!(all_entries(&Store::open(&aside).expect("aside opens")), 51);
}

#[test]
fn backups_keep_only_the_newest_n() {
    let folder = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&folder.path().join("kiosk.sqlite3")).expect("store");
    let usb = folder.path().join("usb");
    let mut made = Vec::new();
    for second in 0..5 {
        let when = at(10, 0) + chrono::Duration::seconds(second);
        made.push(store.backup_into(&usb, 3, when).expect("backup"));
    }
    assert_eq!(list_backups(&usb), made[2..].to_vec());
    assert_eq!(latest_backup(&usb), made.last().cloned());
}

#[test]
fn db_check_prints_ok_for_a_healthy_file_and_names_the_damage_otherwise() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    let output = kiosk(&data, &["backup"]);
    stdout_of(&output);
    assert_eq!(stdout_of(&kiosk(&data, &["db", "check"])).trim(), "ok");

    let path = data.join("kiosk.sqlite3");
    let mut store = Store::open(&path).expect("store");
    for minute in 0..200 {
        let mut entry = registered();
        entry.note = Some("y".repeat(300));
        store
            .save_person(
                &screen(&entry),
                &prov("cp-1"),
                at(3 + minute / 60, minute % 60),
            )
            .expect("saved");
    }
    store.checkpointed_size_bytes().expect("checkpoint");
    drop(store);
    // Scribble over a page in the middle of the table.
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2 / 4096 * 4096;
    for byte in &mut bytes[middle + 8..middle + 1200] {
        *byte = 0x5a;
    }
    std::fs::write(&path, bytes).expect("damaged");
    let output = kiosk(&data, &["db", "check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("restore"),
        "{}",
        stderr_of(&output)
    );

    stdout_of(&kiosk(&data, &["restore", "--latest"]));
    assert_eq!(stdout_of(&kiosk(&data, &["db", "check"])).trim(), "ok");
}

#[test]
fn wipe_at_the_end_of_the_epidemic_deletes_entries_backups_and_the_secret_only_when_confirmed() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    stdout_of(&kiosk(&data, &["backup"]));
    let keys = DataDir::open(data.clone()).expect("data dir");
    keys.pii_key().expect("secret");
    let config = keys.load_config().expect("config");
    keys.save_config(&config).expect("settings saved");
    let refused = kiosk(&data, &["wipe"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr_of(&refused).contains("--confirm WIPE"));
    assert!(
        data.join("kiosk.sqlite3").exists(),
        "nothing deleted unconfirmed"
    );

    let done = stdout_of(&kiosk(&data, &["wipe", "--confirm", "WIPE"]));
    assert!(done.contains("wiped"), "{done}");
    assert!(!data.join("kiosk.sqlite3").exists());
    assert!(list_backups(&data.join("backups")).is_empty());
    assert!(!keys.keys_dir().join("installation.secret").exists());
    assert!(data.join("kiosk.toml").exists(), "settings stay");
}
