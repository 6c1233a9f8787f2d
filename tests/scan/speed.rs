//! Decode time per 640×480 webcam frame, the figure issue 23 compares with zxing-cpp: the still
//! cascade (`scan_still`, what `scan` runs) and the live path (`FrameScanner`, one frame), median
//! and p90 over generated scenes with a code and without.
//!
//! `cargo test --test scan speed -- --ignored --nocapture` prints the table; with
//! `SCENES_OUT=DIR` it also writes the scenes as PNG, so another decoder can be timed on the very
//! same pictures (tests/scan/zxing_compare.py does that for zxing-cpp's Python wheel).

use crate::support_scene;

use std::time::Instant;

use checkpoint_kiosk::scan::planes::Channel;
use checkpoint_kiosk::scan::{
    Decoder, FALLBACK_STAGES, FAST_STAGE, FrameScanner, Preprocess, Resolution, RxingBinariser,
    STILL_ONLY_STAGES, Stage, scan_still, scan_with_stage,
};
use image::RgbImage;

/// The scenes: every ink shade with a code, and as many without.
fn scenes() -> Vec<(String, RgbImage, Option<String>)> {
    support_scene::webcam_frames_640x480()
}

fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn line(name: &str, mut millis: Vec<f64>) {
    millis.sort_by(f64::total_cmp);
    println!(
        "{name:<34} median {:>6.2} ms   p90 {:>6.2} ms   ({} frames)",
        percentile(&millis, 0.5),
        percentile(&millis, 0.9),
        millis.len()
    );
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn decode_time_per_640x480_frame() {
    let scenes = scenes();
    support_scene::write_frames_if_asked(&scenes);
    let (mut still_code, mut still_none, mut live_code, mut live_none) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut read_still, mut read_live, mut codes) = (0, 0, 0);
    for _round in 0..3 {
        for (_, image, payload) in &scenes {
            let started = Instant::now();
            let found = scan_still(image);
            let still_ms = started.elapsed().as_secs_f64() * 1000.0;
            // A live frame: a fresh scanner, as when a phone first comes into view.
            let mut scanner = FrameScanner::new();
            let started = Instant::now();
            let live = scanner.scan(image);
            let live_ms = started.elapsed().as_secs_f64() * 1000.0;
            if let Some(payload) = payload {
                codes += 1;
                read_still += usize::from(found.iter().any(|code| &code.text == payload));
                read_live += usize::from(live.iter().any(|code| &code.text == payload));
                still_code.push(still_ms);
                live_code.push(live_ms);
            } else {
                still_none.push(still_ms);
                live_none.push(live_ms);
            }
        }
    }
    println!("640x480 webcam scenes, {} with a code:", codes / 3);
    line("scan_still, with a code", still_code);
    line("scan_still, without", still_none);
    line("live frame, with a code", live_code);
    line("live frame, without", live_none);
    println!("read: still {read_still}/{codes}, live first frame {read_live}/{codes}");
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn cost_and_reads_of_each_stage_on_640x480_frames() {
    let scenes = scenes();
    let half = |decoder| Stage {
        channel: Channel::MinRgb,
        resolution: Resolution::Half,
        preprocess: Preprocess::None,
        decoder,
    };
    let candidates = [
        half(Decoder::ZxingCpp(RxingBinariser::Hybrid)),
        half(Decoder::Rxing(RxingBinariser::Hybrid)),
        half(Decoder::Rqrr),
    ];
    let stages = candidates
        .into_iter()
        .chain(std::iter::once(FAST_STAGE))
        .chain(FALLBACK_STAGES)
        .chain(STILL_ONLY_STAGES);
    for stage in stages {
        let (mut millis, mut read, mut codes) = (Vec::new(), 0, 0);
        for (_, image, payload) in &scenes {
            let started = Instant::now();
            let found = scan_with_stage(image, stage);
            millis.push(started.elapsed().as_secs_f64() * 1000.0);
            if let Some(payload) = payload {
                codes += 1;
                read += usize::from(found.iter().any(|code| &code.text == payload));
            }
        }
        millis.sort_by(f64::total_cmp);
        println!(
            "{:>6.2} ms median, reads {read:>2}/{codes}: {stage:?}",
            percentile(&millis, 0.5)
        );
    }
}
