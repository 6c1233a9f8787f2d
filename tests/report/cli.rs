//! `keys share-secret`/`keys join-secret`, `export --for-neighbours` and `import`, run as a
//! district's IT helper would, on fresh data folders.

use crate::cli_support::{kiosk, stdout_of};

/// The 16-hex key id printed after "key id " or "secret ".
fn key_id_after(text: &str, marker: &str) -> String {
    let start = text.find(marker).expect("marker printed") + marker.len();
    text[start..].chars().take(16).collect()
}

#[test]
fn neighbours_sharing_a_secret_keep_each_others_hashes() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (east, west) = (folder.path().join("east"), folder.path().join("west"));
    let secret = folder.path().join("district.secret");
    let secret_arg = secret.to_str().expect("utf-8 path");

    let shared = stdout_of(&kiosk(
        &east,
        &["keys", "share-secret", "--out", secret_arg],
    ));
    let east_id = key_id_after(&shared, "(key id ");
    let joined = stdout_of(&kiosk(&west, &["keys", "join-secret", secret_arg]));
    assert_eq!(key_id_after(&joined, "with secret "), east_id);

    let export = folder.path().join("east.json");
    let export_arg = export.to_str().expect("utf-8 path");
    let range = ["--from", "2026-11-20 00:00", "--to", "2026-11-21 00:00"];
    let args = [
        &["export", "--format", "json", "--out", export_arg][..],
        &range,
        &["--for-neighbours"],
    ];
    // East issues passes: its pass key travels with the file (issue 25).
    stdout_of(&kiosk(&east, &["keys", "init"]));
    stdout_of(&kiosk(&east, &args.concat()));
    let text = std::fs::read_to_string(&export).expect("export written");
    assert!(
        text.contains(&format!("\"hash_key_id\":\"{east_id}\"")),
        "{text}"
    );
    assert!(text.contains("\"pass_share\":[{\"kind\":\"key\""), "{text}");

    let imported = stdout_of(&kiosk(&west, &["import", export_arg]));
    assert!(imported.contains("hashes kept"), "{imported}");
    assert!(
        imported.contains("Passes: 1 new issuing keys or revocations."),
        "{imported}"
    );
    let stranger = folder.path().join("stranger");
    let ignored = stdout_of(&kiosk(&stranger, &["import", export_arg]));
    assert!(ignored.contains("hashes ignored"), "{ignored}");
}

#[test]
fn hashes_are_refused_in_formats_meant_for_people() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("day.csv");
    let output = kiosk(
        &folder.path().join("data"),
        &[
            "export",
            "--format",
            "csv",
            "--date",
            "2026-11-20",
            "--out",
            out.to_str().expect("utf-8 path"),
            "--for-neighbours",
        ],
    );
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--format json"));
    assert!(!out.exists());
}

#[test]
fn a_damaged_secret_file_changes_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    let secret = folder.path().join("district.secret");
    std::fs::write(
        &secret,
        "checkpoint-kiosk shared hashing secret v1\nkey-id 00\n",
    )
    .expect("w");
    // Shared secrets go to a USB stick, never into the data folder.
    let stick = tempfile::tempdir().expect("stick");
    let before = stdout_of(&kiosk(
        folder.path(),
        &[
            "keys",
            "share-secret",
            "--out",
            stick.path().join("mine").to_str().expect("utf-8"),
        ],
    ));
    let output = kiosk(
        folder.path(),
        &["keys", "join-secret", secret.to_str().expect("utf-8")],
    );
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("secret line is missing"), "{error}");
    let after = stdout_of(&kiosk(
        folder.path(),
        &[
            "keys",
            "share-secret",
            "--out",
            stick.path().join("again").to_str().expect("utf-8"),
        ],
    ));
    assert_eq!(
        key_id_after(&before, "(key id "),
        key_id_after(&after, "(key id ")
    );
}
