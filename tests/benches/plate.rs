//! Plate reading per 1280×720 frame (detector and recogniser on one core), and the per-case
//! accuracy on the drawn corpus (`plate::synth`).
//!
//! Run with `cargo bench --bench plate` (release, LTO). The models must be in
//! `assets/models/ppocr-v4` (or `$CHECKPOINT_KIOSK_MODELS`). `SKIP_RATES=1` skips the table.

use std::hint::black_box;

use checkpoint_kiosk::plate::PlateReader;
use checkpoint_kiosk::plate::synth::{Condition, case, corpus};
use criterion::{Criterion, criterion_group};

fn per_frame(c: &mut Criterion) {
    let reader = match PlateReader::load_installed() {
        Ok(reader) => reader,
        Err(error) => {
            println!("plate bench skipped: {error}");
            return;
        }
    };
    let one_car = case(Condition::Clear, 0, 1).image;
    let two_cars = case(Condition::TwoCars, 0, 2).image;
    let night = case(Condition::Night, 3, 3).image;
    let mut group = c.benchmark_group("plate/720p");
    group.sample_size(20);
    group.bench_function("one_car", |b| b.iter(|| reader.read(black_box(&one_car))));
    group.bench_function("two_cars", |b| b.iter(|| reader.read(black_box(&two_cars))));
    group.bench_function("night", |b| b.iter(|| reader.read(black_box(&night))));
    group.finish();
}

/// Per condition: plates read exactly, plates missed, wrong reads above the fill threshold.
fn print_corpus_rates() {
    let Ok(reader) = PlateReader::load_installed() else {
        return;
    };
    let cases = corpus(8);
    for condition in Condition::ALL {
        let (mut plates, mut exact, mut wrong_sure, mut ms) = (0, 0, 0, 0.0);
        let (mut locate, mut detect, mut recognise, mut full_frame) = (0.0, 0.0, 0.0, 0);
        for case in cases.iter().filter(|case| case.condition == condition) {
            let started = std::time::Instant::now();
            let Ok((read, stages)) = reader.read_profiled(&case.image) else {
                continue;
            };
            ms += started.elapsed().as_secs_f64() * 1000.0;
            locate += stages.locate_ms;
            detect += stages.detect_ms;
            recognise += stages.recognise_ms;
            full_frame += usize::from(stages.full_frame);
            plates += case.plates.len();
            exact += case
                .plates
                .iter()
                .filter(|(text, _)| read.iter().any(|plate| plate.text == *text))
                .count();
            wrong_sure += read
                .iter()
                .filter(|plate| plate.is_sure())
                .filter(|plate| !case.plates.iter().any(|(text, _)| *text == plate.text))
                .count();
        }
        println!(
            "plate corpus {:<12} exact {exact}/{plates}, wrong above threshold {wrong_sure}, {:.0} ms per frame \
             (colour {:.0}, detector {:.0}, recogniser {:.0}; whole frame detected in {full_frame}/8)",
            condition.name(),
            ms / 8.0,
            locate / 8.0,
            detect / 8.0,
            recognise / 8.0,
        );
    }
}

criterion_group!(benches, per_frame);

fn main() {
    if std::env::var_os("SKIP_RATES").is_none() {
        print_corpus_rates();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
