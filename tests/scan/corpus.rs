//! The hard corpus (tests/support_scene/cases.rs), scanned as stills: the decode rate of every case
//! must stay at or above what was measured, and no code is ever called green unless it is green.
//!
//! `cargo test --test scan corpus -- --nocapture` prints the table per case.

use crate::support_scene;

use std::time::Instant;

use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::scan::planes::Channel::{Luma, MinRgb};
use checkpoint_kiosk::scan::{
    Decoder, DetectedCode, Preprocess, Resolution, RxingBinariser, Stage, scan_still,
    scan_with_stage,
};
use image::RgbImage;
use support_scene::cases::{CASES, Case, render_case};

const fn stage(
    decoder: Decoder,
    channel: checkpoint_kiosk::scan::planes::Channel,
    resolution: Resolution,
    preprocess: Preprocess,
) -> Stage {
    Stage {
        channel,
        resolution,
        preprocess,
        decoder,
    }
}

const HYBRID: Decoder = Decoder::Rxing(RxingBinariser::Hybrid);
const GLOBAL: Decoder = Decoder::Rxing(RxingBinariser::GlobalHistogram);
const RQRR: Decoder = Decoder::Rqrr;

/// The still cascade before the hard corpus existed (commit 9061681), stage for stage, so every
/// run prints the before and after figures side by side.
const BEFORE: [Stage; 13] = [
    stage(HYBRID, MinRgb, Resolution::Shrunk, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Shrunk, Preprocess::None),
    stage(GLOBAL, MinRgb, Resolution::Full, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Full, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Full, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Shrunk, Preprocess::Inverted),
    stage(RQRR, MinRgb, Resolution::Full, Preprocess::LocalThreshold),
    stage(RQRR, Luma, Resolution::Shrunk, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Full, Preprocess::GlobalThreshold),
    stage(HYBRID, MinRgb, Resolution::UpscaledCentre, Preprocess::None),
    stage(HYBRID, Luma, Resolution::Full, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Upscaled, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Upscaled, Preprocess::None),
];

fn scan_before(image: &RgbImage) -> Vec<DetectedCode> {
    BEFORE
        .iter()
        .map(|stage| scan_with_stage(image, *stage))
        .find(|codes| !codes.is_empty())
        .unwrap_or_default()
}

/// Samples per case: debug builds run our pixel code unoptimised.
const SAMPLES: u64 = if cfg!(debug_assertions) { 6 } else { 24 };

/// Codes (not scenes) each case must read out of its `SAMPLES` scenes' codes in a debug build,
/// measured with the cascade of this commit (2026-12-01); a regression shows up as a drop below.
const MINIMUM_READ: [(Case, usize); 18] = [
    (Case::Normal, 6),
    (Case::Perspective, 6),
    (Case::Blur, 6),
    (Case::Noise, 6),
    (Case::Glare, 5),
    (Case::SodiumLight, 6),
    (Case::Dim, 6),
    (Case::Moire, 6),
    (Case::Tiny, 2),
    (Case::LargePhoto, 6),
    (Case::DarkMode, 6),
    (Case::Mirrored, 6),
    (Case::Rotated45, 6),
    (Case::ThreePhones, 18),
    (Case::KanjiShiftJis, 6),
    (Case::Gb18030WithEci, 6),
    (Case::Gb18030WithoutEci, 6),
    (Case::Utf8WithEci, 6),
];

fn minimum_read(case: Case) -> usize {
    MINIMUM_READ
        .iter()
        .find(|(known, _)| *known == case)
        .map_or(0, |(_, read)| *read)
}

struct Tally {
    codes: usize,
    read: usize,
    read_before: usize,
    colour_right: usize,
    false_green: Vec<String>,
    wrong_text: Vec<String>,
    millis: Vec<f64>,
}

fn tally_case(case: Case) -> Tally {
    let mut tally = Tally {
        codes: 0,
        read: 0,
        read_before: 0,
        colour_right: 0,
        false_green: Vec::new(),
        wrong_text: Vec::new(),
        millis: Vec::new(),
    };
    for seed in 0..SAMPLES {
        let scene = render_case(case, seed);
        let started = Instant::now();
        let found = scan_still(&scene.image);
        tally.millis.push(started.elapsed().as_secs_f64() * 1000.0);
        tally.codes += scene.codes.len();
        let before = scan_before(&scene.image);
        tally.read_before += scene
            .codes
            .iter()
            .filter(|expected| before.iter().any(|code| code.text == expected.text))
            .count();
        for code in &found {
            let Some(expected) = scene.codes.iter().find(|e| e.text == code.text) else {
                tally
                    .wrong_text
                    .push(format!("seed {seed}: read {:?}", code.text));
                continue;
            };
            if code.colour == HealthColour::Green && expected.colour != HealthColour::Green {
                tally.false_green.push(format!("seed {seed}"));
            }
        }
        for expected in &scene.codes {
            let Some(code) = found.iter().find(|code| code.text == expected.text) else {
                continue;
            };
            tally.read += 1;
            let right = code.colour == expected.colour
                || (expected.colour == HealthColour::Unknown && code.colour != HealthColour::Green);
            tally.colour_right += usize::from(right);
        }
    }
    tally
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

#[test]
fn every_case_of_the_hard_corpus_reads_at_least_as_measured_and_never_green_for_another_colour() {
    let tallies: Vec<(Case, Tally)> = std::thread::scope(|scope| {
        let (first, second) = CASES.split_at(CASES.len() / 2);
        let workers: Vec<_> = [first, second]
            .into_iter()
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|case| (*case, tally_case(*case)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("no panic"))
            .collect()
    });
    println!(
        "{:<28} {:>9} {:>9} {:>9} {:>9}",
        "case", "before", "read", "colour", "median ms"
    );
    let mut failures = Vec::new();
    for (case, mut tally) in tallies {
        println!(
            "{:<28} {:>4}/{:<4} {:>4}/{:<4} {:>4}/{:<4} {:>9.1}",
            case.name(),
            tally.read_before,
            tally.codes,
            tally.read,
            tally.codes,
            tally.colour_right,
            tally.read,
            median(&mut tally.millis)
        );
        if !tally.false_green.is_empty() {
            failures.push(format!(
                "{}: green for another colour: {:?}",
                case.name(),
                tally.false_green
            ));
        }
        if !tally.wrong_text.is_empty() {
            failures.push(format!(
                "{}: wrong text: {:?}",
                case.name(),
                tally.wrong_text
            ));
        }
        if tally.read < minimum_read(case) {
            failures.push(format!(
                "{}: read {} codes, fewer than the {} measured",
                case.name(),
                tally.read,
                minimum_read(case)
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
