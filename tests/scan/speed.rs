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
    Decoder, FALLBACK_STAGES, FAST_STAGE, Preprocess, Resolution, RxingBinariser,
    STILL_ONLY_STAGES, Stage, scan_with_stage,
};
use image::RgbImage;

/// The scenes: every ink shade with a code, and as many without.
fn scenes() -> Vec<(String, RgbImage, Option<String>)> {
    support_scene::webcam_frames_640x480()
}

#[test]
#[ignore = "a measurement: run with --ignored --nocapture"]
fn decode_time_per_640x480_frame() {
    support_scene::timing::print_frames_640x480();
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
            support_scene::timing::percentile(&millis, 0.5)
        );
    }
}
