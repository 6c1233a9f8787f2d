//! `checkpoint-kiosk scan`: one line per image, JSON on request, and a bad file does not stop the
//! run.

use std::path::Path;
use std::process::{Command, Output};

use checkpoint_kiosk::capture::DEMO_FRAMES;
use serde_json::Value;

fn scan(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("scan")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn write_demo_frame(folder: &Path, name: &str) -> String {
    let frame = DEMO_FRAMES
        .iter()
        .find(|frame| frame.file_name == name)
        .expect("demo frame exists");
    let path = folder.join(name);
    std::fs::write(&path, frame.png).expect("temp folder is writable");
    path.display().to_string()
}

#[test]
fn json_output_has_one_line_per_image_with_code_colour_and_corners() {
    let folder = tempfile::tempdir().expect("temp dir");
    let red = write_demo_frame(folder.path(), "red.png");
    let empty = write_demo_frame(folder.path(), "no-code.png");
    let output = scan(folder.path(), &["--json", &red, &empty]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(output.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], red.as_str());
    assert!(lines[0]["ms"].as_f64().is_some_and(|ms| ms > 0.0));
    let code = &lines[0]["codes"][0];
    let expected = DEMO_FRAMES
        .iter()
        .find(|frame| frame.file_name == "red.png")
        .and_then(|frame| frame.expected);
    assert_eq!(code["text"], expected.expect("red frame has a code").0);
    assert_eq!(code["color"], "red");
    assert!(
        code["confidence"]
            .as_f64()
            .is_some_and(|c| (0.0..=1.0).contains(&c))
    );
    assert_eq!(code["corners"].as_array().map(Vec::len), Some(4));
    assert_eq!(lines[1]["codes"].as_array().map(Vec::len), Some(0));
}

#[test]
fn an_unreadable_file_gets_an_error_line_and_the_run_goes_on() {
    let folder = tempfile::tempdir().expect("temp dir");
    let broken = folder.path().join("broken.png");
    std::fs::write(&broken, b"not a picture").expect("temp folder is writable");
    let missing = folder.path().join("missing.jpg");
    let green = write_demo_frame(folder.path(), "green.png");
    let output = scan(
        folder.path(),
        &[
            "--json",
            &broken.display().to_string(),
            &missing.display().to_string(),
            &green,
        ],
    );
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|error| !error.is_empty())
    );
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["codes"][0]["color"], "green");
}

#[test]
fn readable_output_names_the_colour_and_payload() {
    let folder = tempfile::tempdir().expect("temp dir");
    let yellow = write_demo_frame(folder.path(), "yellow.png");
    let output = scan(folder.path(), &[&yellow]);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.contains("yellow"), "{stdout}");
    assert!(
        stdout.contains("https://jkm.demo.checkpoint-kiosk.invalid/v?t="),
        "{stdout}"
    );
}
