//! Decoder speed per frame (the live path must keep up with 30 fps) and per still image, plus the
//! decode rate of each decoder alone against the whole cascade on the generated scenes.
//!
//! Run with `cargo bench --bench scan` (`SKIP_RATES=1` skips the slower decode-rate comparison and
//! the hard corpus table: decode rate and median still time per case; `FRAMES_ONLY=1` prints only
//! the 640×480 per-frame table, the figure issue 23 compares with zxing-cpp).
//!
//! With `SCENES_OUT=DIR` the 640×480 frames are also written as PNG (and the payload beside each
//! as .txt), so zxing-cpp can be timed on the very same pictures:
//! `/tmp/zx/bin/python tests/scan/zxing_compare.py DIR` (its docstring says how to get the wheel).

#[path = "../support_scene/mod.rs"]
mod support_scene;

use std::hint::black_box;

use checkpoint_kiosk::scan::planes::Channel;
use checkpoint_kiosk::scan::{
    Decoder, FALLBACK_STAGES, FAST_STAGE, FrameScanner, Preprocess, Resolution, RxingBinariser,
    STILL_ONLY_STAGES, Stage, scan_still, scan_with_stage,
};
use criterion::{Criterion, criterion_group};
use rand::SeedableRng;
use rand::rngs::StdRng;
use support_scene::{
    Difficulty, GREEN_SHADES, health_code_payload, render_scene, render_scene_without_code, shades,
};

const SIZES: [(&str, [u32; 2]); 2] = [("720p", [1280, 720]), ("1080p", [1920, 1080])];

fn per_frame_and_still(c: &mut Criterion) {
    for (label, size) in SIZES {
        let payload = health_code_payload(&mut StdRng::seed_from_u64(7));
        let with_code = render_scene(&payload, GREEN_SHADES[0], size, &Difficulty::WEBCAM, 7).image;
        let without_code = render_scene_without_code(size, &Difficulty::WEBCAM, 8).image;
        assert!(
            !scan_still(&with_code).is_empty(),
            "the benchmark scene must be readable"
        );
        let mut group = c.benchmark_group(format!("scan/{label}"));
        group.sample_size(30);
        let mut scanner = FrameScanner::new();
        group.bench_function("frame_scanner/code", |b| {
            b.iter(|| scanner.scan(black_box(&with_code)));
        });
        let mut scanner = FrameScanner::new();
        group.bench_function("frame_scanner/no_code", |b| {
            b.iter(|| scanner.scan(black_box(&without_code)));
        });
        group.bench_function("scan_still/code", |b| {
            b.iter(|| scan_still(black_box(&with_code)));
        });
        group.bench_function("scan_still/no_code", |b| {
            b.iter(|| scan_still(black_box(&without_code)));
        });
        group.finish();
    }
}

/// Prints how many generated scenes each decoder reads on its own, and the cascade.
fn print_decoder_comparison() {
    const PER_SHADE: u64 = 20;
    let alone = |decoder| Stage {
        channel: Channel::Luma,
        resolution: Resolution::Full,
        preprocess: Preprocess::None,
        decoder,
    };
    let contenders = [
        ("rqrr alone (luma, full frame)", Some(alone(Decoder::Rqrr))),
        (
            "rxing alone (luma, full frame, hybrid)",
            Some(alone(Decoder::Rxing(RxingBinariser::Hybrid))),
        ),
        ("cascade (scan_still)", None),
    ];
    let mut read = [0u32; 3];
    let mut total = 0u32;
    for (shade_index, (_, ink)) in shades().into_iter().enumerate() {
        for n in 0..PER_SHADE {
            let seed = 50_000 + shade_index as u64 * 1000 + n;
            let payload = health_code_payload(&mut StdRng::seed_from_u64(seed));
            let image = render_scene(&payload, ink, [1280, 720], &Difficulty::WEBCAM, seed).image;
            total += 1;
            for (count, (_, stage)) in read.iter_mut().zip(&contenders) {
                let codes = match stage {
                    Some(stage) => scan_with_stage(&image, *stage),
                    None => scan_still(&image),
                };
                *count += u32::from(codes.iter().any(|code| code.text == payload));
            }
        }
    }
    for (count, (name, _)) in read.iter().zip(&contenders) {
        println!(
            "decode rate, {name}: {count}/{total} ({:.1}%)",
            100.0 * *count as f32 / total as f32
        );
    }
}

/// Prints, per case of the hard corpus, how many codes the still cascade reads and its median
/// time per picture, and how many the live frame scanner reads within three frames.
fn print_corpus_rates() {
    const SAMPLES: u64 = 24;
    println!(
        "{:<28} {:>9} {:>11} {:>10}",
        "corpus case", "still", "median ms", "3 frames"
    );
    for case in support_scene::cases::CASES {
        let (mut codes, mut read, mut live_read) = (0, 0, 0);
        let mut millis = Vec::new();
        for seed in 0..SAMPLES {
            let scene = support_scene::cases::render_case(case, seed);
            let started = std::time::Instant::now();
            let found = scan_still(&scene.image);
            millis.push(started.elapsed().as_secs_f64() * 1000.0);
            let mut scanner = FrameScanner::new();
            let mut live = Vec::new();
            for _ in 0..3 {
                live.extend(scanner.scan(&scene.image).into_iter().map(|code| code.text));
            }
            for expected in &scene.codes {
                codes += 1;
                read += usize::from(found.iter().any(|code| code.text == expected.text));
                live_read += usize::from(live.contains(&expected.text));
            }
        }
        millis.sort_by(f64::total_cmp);
        println!(
            "{:<28} {:>4}/{:<4} {:>11.1} {:>4}/{:<4}",
            case.name(),
            read,
            codes,
            millis[millis.len() / 2],
            live_read,
            codes
        );
    }
}

criterion_group!(benches, per_frame_and_still);

/// Prints what each cascade stage costs on a 720p scene and whether it reads the code alone.
fn print_stage_costs() {
    let payload = health_code_payload(&mut StdRng::seed_from_u64(7));
    let with_code = render_scene(
        &payload,
        GREEN_SHADES[0],
        [1280, 720],
        &Difficulty::WEBCAM,
        7,
    )
    .image;
    let stages = std::iter::once(FAST_STAGE)
        .chain(FALLBACK_STAGES)
        .chain(STILL_ONLY_STAGES);
    for stage in stages {
        let started = std::time::Instant::now();
        let rounds = 10;
        let mut read = false;
        for _ in 0..rounds {
            read = scan_with_stage(&with_code, stage)
                .iter()
                .any(|code| code.text == payload);
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds);
        println!("stage {stage:?}: {ms:.1} ms, reads the 720p bench scene: {read}");
    }
}

/// The faster binarisers and upscaler must give the very bits the cascade read before (so no
/// code is lost): checked here on every frame of the per-frame table, against rxing's own hybrid
/// binariser and a plain bilinear sample.
fn check_bit_identical_planes() {
    use checkpoint_kiosk::scan::binarise::{global_histogram_matrix, hybrid_matrix};
    use checkpoint_kiosk::scan::planes::{Plane, channel_plane, upscaled_centre};
    use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
    use rxing::{Binarizer, Luma8Source};
    let (mut planes, mut differ) = (0, 0);
    for (_, image, _) in support_scene::webcam_frames_640x480() {
        for channel in [Channel::MinRgb, Channel::Luma] {
            let plane = channel_plane(&image, channel);
            let (width, height) = plane.pixels.dimensions();
            let source =
                Luma8Source::new_with_slice(plane.pixels.as_raw(), width, height).expect("sizes");
            let theirs = HybridBinarizer::new(source.clone())
                .get_black_matrix()
                .ok()
                .cloned();
            let theirs_global = GlobalHistogramBinarizer::new(source)
                .get_black_matrix()
                .ok()
                .cloned();
            planes += 1;
            differ += usize::from(hybrid_matrix(&plane.pixels) != theirs);
            differ += usize::from(global_histogram_matrix(&plane.pixels) != theirs_global);
            let up = upscaled_centre(&plane, 0.5, 2);
            differ += usize::from(up.pixels != reference_upscale(&plane, 0.5, 2));
        }
    }
    println!("bit-identical planes: {differ} of {planes} differ");
    assert_eq!(
        differ, 0,
        "a faster binariser or the upscaler changed the bits"
    );

    fn reference_upscale(plane: &Plane, keep: f32, factor: u32) -> image::GrayImage {
        let source = &plane.pixels;
        let crop_w = ((source.width() as f32 * keep) as u32).max(1);
        let crop_h = ((source.height() as f32 * keep) as u32).max(1);
        let (left, top) = (
            (source.width() - crop_w) / 2,
            (source.height() - crop_h) / 2,
        );
        let inverse = 1.0 / factor as f32;
        image::GrayImage::from_fn(crop_w * factor, crop_h * factor, |x, y| {
            let max_x = source.width().saturating_sub(1) as f32;
            let max_y = source.height().saturating_sub(1) as f32;
            let sx = (left as f32 + (x as f32 + 0.5) * inverse - 0.5).clamp(0.0, max_x);
            let sy = (top as f32 + (y as f32 + 0.5) * inverse - 0.5).clamp(0.0, max_y);
            let (x0, y0) = (sx.floor(), sy.floor());
            let (x1, y1) = ((x0 + 1.0).min(max_x), (y0 + 1.0).min(max_y));
            let (fx, fy) = (sx - x0, sy - y0);
            let at = |px: f32, py: f32| f32::from(source.get_pixel(px as u32, py as u32).0[0]);
            let upper = at(x0, y0) * (1.0 - fx) + at(x1, y0) * fx;
            let lower = at(x0, y1) * (1.0 - fx) + at(x1, y1) * fx;
            image::Luma([(upper * (1.0 - fy) + lower * fy).round() as u8])
        })
    }
}

fn main() {
    check_bit_identical_planes();
    support_scene::timing::print_frames_640x480();
    if std::env::var_os("FRAMES_ONLY").is_some() {
        return;
    }
    print_stage_costs();
    if std::env::var_os("SKIP_RATES").is_none() {
        print_decoder_comparison();
        print_corpus_rates();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
