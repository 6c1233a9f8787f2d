//! The 640×480 timing table the scan bench and the ignored speed test print: median and p90
//! per frame, with a code and without, and how many codes each path read.

use std::hint::black_box;

use checkpoint_kiosk::scan::{FrameScanner, scan_still};

pub fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

pub fn timing_line(name: &str, mut millis: Vec<f64>) {
    millis.sort_by(f64::total_cmp);
    println!(
        "{name:<34} median {:>6.2} ms   p90 {:>6.2} ms   ({} frames)",
        percentile(&millis, 0.5),
        percentile(&millis, 0.9),
        millis.len()
    );
}

/// Median and p90 per 640×480 webcam frame, with a code and without: the still cascade (what
/// `scan` runs on a picture) and the live path (a fresh `FrameScanner`, as when a phone first
/// comes into view), three rounds, with how many codes each read.
pub fn print_frames_640x480() {
    let scenes = super::webcam_frames_640x480();
    super::write_frames_if_asked(&scenes);
    let (mut still_code, mut still_none, mut live_code, mut live_none) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut read_still, mut read_live, mut codes) = (0, 0, 0);
    // A running feed: one scanner sees every frame in turn, so the fallbacks take their turns
    // (each frame costs the glance plus one fallback, or the stage that read the last code).
    let (mut stream, mut read_stream) = (Vec::new(), 0);
    let mut running = FrameScanner::new();
    let rounds = 3;
    for _round in 0..rounds {
        for (_, image, payload) in &scenes {
            let started = std::time::Instant::now();
            let found = scan_still(black_box(image));
            let still_ms = started.elapsed().as_secs_f64() * 1000.0;
            let mut scanner = FrameScanner::new();
            let started = std::time::Instant::now();
            let live = scanner.scan(black_box(image));
            let live_ms = started.elapsed().as_secs_f64() * 1000.0;
            let started = std::time::Instant::now();
            let streamed = running.scan(black_box(image));
            stream.push(started.elapsed().as_secs_f64() * 1000.0);
            if let Some(payload) = payload {
                read_stream += usize::from(streamed.iter().any(|code| &code.text == payload));
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
    println!(
        "640x480 webcam frames, {} with a code, {} without:",
        codes / rounds,
        still_none.len() / rounds
    );
    timing_line("scan_still, with a code", still_code);
    timing_line("scan_still, without", still_none);
    timing_line("live frame, with a code", live_code);
    timing_line("live frame, without", live_none);
    timing_line("running feed, every frame", stream);
    println!(
        "read: still {read_still}/{codes}, live first frame {read_live}/{codes}, running feed \
         {read_stream}/{codes}"
    );
}
