//! The `verify`, `keys` and `pass` commands, run as a volunteer or shift leader would, each on
//! a fresh data folder.

use crate::cli_support::{kiosk, stderr_of, stdout_of};
use crate::codes_support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use codes_support::{DccSpec, ES256_CERT, build_dcc};
use serde_json::Value;

fn json_of(output: &Output) -> Value {
    serde_json::from_str(&stdout_of(output)).expect("one JSON object")
}

#[test]
fn verify_prints_a_valid_dcc_when_its_signer_is_trusted_for_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let trust = dir.path().join("trust.pem");
    std::fs::write(&trust, ES256_CERT).expect("write trust");
    let payload = build_dcc(&DccSpec::valid());
    let args = [
        "verify",
        "--json",
        "--at",
        "2026-11-23T08:00:00Z",
        "--text",
        &payload,
    ];
    let untrusted = json_of(&kiosk(dir.path(), &args));
    assert_eq!(untrusted["valid"], false);
    assert_eq!(untrusted["checks"]["signature"], false);
    let trust_arg = trust.to_str().expect("utf-8 path");
    let trusted = json_of(&kiosk(
        dir.path(),
        &[&args[..], &["--trust", trust_arg]].concat(),
    ));
    assert_eq!(trusted["format"], "eu-dcc");
    assert_eq!(trusted["valid"], true);
    assert_eq!(
        trusted["checks"],
        serde_json::json!({"decode": true, "signature": true, "validity": true, "rules": true})
    );
    assert_eq!(trusted["holder"], "M*** E***");
    assert_eq!(trusted["expires"], "2027-06-01T00:00:00Z");
}

#[test]
fn verify_reads_the_payload_from_stdin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["verify", "--json", "--text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"hello\x1b[31m\n")
        .expect("write");
    let verdict = json_of(&child.wait_with_output().expect("wait"));
    assert_eq!(verdict["format"], "unknown");
    assert_eq!(verdict["text"], "hello\\u{1b}[31m");
    assert_eq!(verdict["label"], "? …[31m");
    assert_eq!(verdict["reasons"][0]["code"], "unrecognised");
}

/// Runs `verify --json --text -` with `input` on standard input.
fn verify_stdin(dir: &std::path::Path, input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(dir)
        .args(["verify", "--json", "--text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    // A reader that stops early closes the pipe: that is not this test's concern.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("wait")
}

#[test]
fn regression_verify_text_stdin_cut_at_16_kib_says_too_long_not_must_be_utf8() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 3-byte characters: the 16 KiB read cut falls inside one of them.
    let payload = format!("HC1:{}", "健".repeat(9000));
    let verdict = json_of(&verify_stdin(dir.path(), payload.as_bytes()));
    assert_eq!(verdict["valid"], false);
    assert_eq!(verdict["reasons"][0]["code"], "payload-too-long");
}

#[test]
fn verify_refuses_stdin_that_is_not_utf8_with_advice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = verify_stdin(dir.path(), b"HC1:\xff\xfe");
    assert!(!output.status.success());
    assert!(stderr_of(&output).contains("not UTF-8"));
}

#[test]
fn verify_recognises_a_health_code_from_the_local_issuer_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let table = "[[issuer]]\nprefix = \"https://hc.example.test/\"\nname = \"测试码\"\nregion = \"测试省\"\n";
    std::fs::write(dir.path().join("issuers.toml"), table).expect("write table");
    let verdict = json_of(&kiosk(
        dir.path(),
        &[
            "verify",
            "--json",
            "--text",
            "https://hc.example.test/q?t=SECRETAB12",
        ],
    ));
    assert_eq!(verdict["format"], "health-code");
    assert_eq!(verdict["verifiable"], false);
    assert_eq!(verdict["label"], "测试码 …AB12");
    assert_eq!(verdict["checks"]["signature"], Value::Null);
    assert!(!verdict.to_string().contains("SECRET"));
}

#[test]
fn bad_arguments_exit_non_zero_with_advice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad_time = kiosk(dir.path(), &["verify", "--at", "yesterday", "--text", "x"]);
    assert!(!bad_time.status.success());
    assert!(stderr_of(&bad_time).contains("RFC 3339"));
    assert!(!kiosk(dir.path(), &["verify"]).status.success());
    let missing_image = kiosk(dir.path(), &["verify", "no-such.png"]);
    assert!(!missing_image.status.success());
    assert!(stderr_of(&missing_image).contains("no-such.png"));
}

#[test]
fn a_pass_issued_as_png_verifies_from_the_image_until_revoked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let no_key = kiosk(
        dir.path(),
        &[
            "pass", "issue", "--holder", "张三", "--unit", "3-2-501", "--kind", "resident",
            "--days", "7", "--out", "x.png",
        ],
    );
    assert!(stderr_of(&no_key).contains("checkpoint-kiosk keys init"));
    assert!(kiosk(dir.path(), &["keys", "init"]).status.success());
    let card = dir.path().join("card.png");
    let card_arg = card.to_str().expect("utf-8 path");
    let issue_args = [
        "pass",
        "issue",
        "--holder",
        "张三",
        "--unit",
        "3-2-501",
        "--kind",
        "vehicle",
        "--plate",
        "粤B12345",
    ];
    let issued = json_of(&kiosk(
        dir.path(),
        &[
            &issue_args[..],
            &["--days", "7", "--out", card_arg, "--json"],
        ]
        .concat(),
    ));
    assert!(
        issued["payload"]
            .as_str()
            .expect("payload")
            .starts_with("CKP1:")
    );
    let from_image = json_of(&kiosk(dir.path(), &["verify", "--json", card_arg]));
    assert_eq!(from_image["format"], "pass");
    assert_eq!(from_image["valid"], true);
    assert_eq!(from_image["pass_id"], issued["id"]);
    assert_eq!(
        from_image["scanned_colour"], "unknown",
        "a black-and-white card has no colour"
    );
    let id = issued["id"].as_str().expect("id");
    assert!(kiosk(dir.path(), &["pass", "revoke", id]).status.success());
    let revoked = json_of(&kiosk(dir.path(), &["verify", "--json", card_arg]));
    assert_eq!(revoked["valid"], false);
    assert_eq!(revoked["reasons"][0]["code"], "pass-revoked");
    let list = kiosk(dir.path(), &["pass", "list"]);
    let line: Value = serde_json::from_slice(&list.stdout).expect("one JSON line");
    assert_eq!(
        (
            line["id"].as_str(),
            line["holder"].as_str(),
            line["revoked"].as_bool()
        ),
        (Some(id), Some("张*"), Some(true))
    );
}

#[test]
fn keys_init_refuses_to_overwrite_and_export_import_connects_neighbours() {
    let ours = tempfile::tempdir().expect("temp dir");
    let theirs = tempfile::tempdir().expect("temp dir");
    assert!(kiosk(ours.path(), &["keys", "init"]).status.success());
    let again = kiosk(ours.path(), &["keys", "init"]);
    assert!(!again.status.success());
    assert!(stderr_of(&again).contains("already exists"));
    let exported = ours.path().join("ours.pub");
    let exported_arg = exported.to_str().expect("utf-8 path");
    assert!(
        kiosk(ours.path(), &["keys", "export", "--out", exported_arg])
            .status
            .success()
    );
    assert!(
        kiosk(theirs.path(), &["keys", "import", exported_arg])
            .status
            .success()
    );
    let card = ours.path().join("card.png");
    let args = [
        "pass", "issue", "--holder", "李四", "--unit", "1-1-101", "--kind", "worker", "--days",
        "3", "--json", "--out",
    ];
    let issued = json_of(&kiosk(
        ours.path(),
        &[&args[..], &[card.to_str().expect("utf-8 path")]].concat(),
    ));
    let payload = issued["payload"].as_str().expect("payload");
    let at_neighbour = json_of(&kiosk(
        theirs.path(),
        &["verify", "--json", "--text", payload],
    ));
    assert_eq!(at_neighbour["valid"], true, "{at_neighbour}");
}
