//! Running the `checkpoint-kiosk` binary as a user would, on a data folder of the test's own.
#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;
use std::process::{Command, Output};

pub fn kiosk(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run checkpoint-kiosk")
}

/// Like [`kiosk`], with the database passphrase in the environment, as a helper's script gives it.
pub fn kiosk_with_passphrase(data_dir: &Path, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .env("CHECKPOINT_KIOSK_PASSPHRASE", passphrase)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run checkpoint-kiosk")
}

/// Standard output of a run that must have succeeded (its standard error shown if not).
pub fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
