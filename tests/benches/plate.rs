//! Plate reading per 1280×720 frame (detector and recogniser on one core), and the per-case
//! accuracy on the drawn corpus (`plate::synth`).
//!
//! Run with `cargo bench --bench plate` (release, LTO). The models must be in
//! `assets/models/ppocr-v4` (or `$CHECKPOINT_KIOSK_MODELS`). `SKIP_RATES=1` skips the table.
//!
//! The table gives, per condition, the fast path (`read`, what most live frames take) and the
//! whole-frame sweep (`read_swept(Sweep::Always)`, one live frame in four): plates read
//! exactly, wrong reads above the fill threshold, the mean time per frame and where it went
//! (colour stage, detector, cutting lines out, recogniser), and the lines recognised per frame.
//! The last line is the live thread's mean per frame: three fast frames and one sweep.

use std::hint::black_box;

use checkpoint_kiosk::plate::synth::{Case, Condition, case, corpus};
use checkpoint_kiosk::plate::{PlateReader, Stages, Sweep};
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
    group.bench_function("two_cars_swept", |b| {
        b.iter(|| reader.read_swept(black_box(&two_cars), Sweep::Always));
    });
    group.finish();
}

/// One condition's reads with one sweep policy, added up.
#[derive(Default)]
struct Tally {
    frames: usize,
    plates: usize,
    exact: usize,
    wrong_sure: usize,
    ms: f64,
    cpu_ms: f64,
    stages: Stages,
    full_frame: usize,
}

impl Tally {
    fn add(&mut self, reader: &PlateReader, case: &Case, sweep: Sweep) {
        let started = std::time::Instant::now();
        let cpu_started = thread_cpu_ms();
        let Ok((read, stages)) = reader.read_swept(&case.image, sweep) else {
            return;
        };
        self.cpu_ms += thread_cpu_ms() - cpu_started;
        self.ms += started.elapsed().as_secs_f64() * 1000.0;
        self.frames += 1;
        self.stages.locate_ms += stages.locate_ms;
        self.stages.detect_ms += stages.detect_ms;
        self.stages.crop_ms += stages.crop_ms;
        self.stages.recognise_ms += stages.recognise_ms;
        self.stages.lines_read += stages.lines_read;
        self.full_frame += usize::from(stages.full_frame);
        self.plates += case.plates.len();
        self.exact += case
            .plates
            .iter()
            .filter(|(text, _)| read.iter().any(|plate| plate.text == *text))
            .count();
        self.wrong_sure += read
            .iter()
            .filter(|plate| plate.is_sure())
            .filter(|plate| !case.plates.iter().any(|(text, _)| *text == plate.text))
            .count();
    }

    fn merge(&mut self, other: &Tally) {
        self.frames += other.frames;
        self.plates += other.plates;
        self.exact += other.exact;
        self.wrong_sure += other.wrong_sure;
        self.ms += other.ms;
        self.cpu_ms += other.cpu_ms;
        self.stages.locate_ms += other.stages.locate_ms;
        self.stages.detect_ms += other.stages.detect_ms;
        self.stages.crop_ms += other.stages.crop_ms;
        self.stages.recognise_ms += other.stages.recognise_ms;
        self.stages.lines_read += other.stages.lines_read;
        self.full_frame += other.full_frame;
    }

    fn per_frame(&self) -> f64 {
        self.ms / self.frames.max(1) as f64
    }

    fn cpu_per_frame(&self) -> f64 {
        self.cpu_ms / self.frames.max(1) as f64
    }

    fn line(&self, what: &str) -> String {
        let n = self.frames.max(1) as f64;
        let lines = self.stages.lines_read as f64;
        format!(
            "{what} exact {}/{}, wrong above threshold {}, {:.0} ms per frame, {:.0} ms CPU (colour {:.1}, \
             detector {:.0}, cut {:.1}, recogniser {:.0} = {:.1} lines × {:.1} ms; whole frame \
             detected in {}/{})",
            self.exact,
            self.plates,
            self.wrong_sure,
            self.per_frame(),
            self.cpu_per_frame(),
            self.stages.locate_ms / n,
            self.stages.detect_ms / n,
            self.stages.crop_ms / n,
            self.stages.recognise_ms / n,
            lines / n,
            self.stages.recognise_ms / lines.max(1.0),
            self.full_frame,
            self.frames,
        )
    }
}

/// Per condition: plates read exactly, wrong reads above the fill threshold, time per stage.
fn print_corpus_rates() {
    let Ok(reader) = PlateReader::load_installed() else {
        return;
    };
    let cases = corpus(8);
    let (mut fast_all, mut swept_all) = (Tally::default(), Tally::default());
    for condition in Condition::ALL {
        let (mut fast, mut swept) = (Tally::default(), Tally::default());
        for case in cases.iter().filter(|case| case.condition == condition) {
            fast.add(&reader, case, Sweep::WhenNeeded);
            swept.add(&reader, case, Sweep::Always);
        }
        fast_all.merge(&fast);
        swept_all.merge(&swept);
        println!(
            "plate corpus {:<12} {}",
            condition.name(),
            fast.line("fast ")
        );
        println!(
            "plate corpus {:<12} {}",
            condition.name(),
            swept.line("swept")
        );
    }
    println!("plate corpus {:<12} {}", "all", fast_all.line("fast "));
    println!("plate corpus {:<12} {}", "all", swept_all.line("swept"));
    println!(
        "plate live thread: {:.0} ms per frame on average, {:.0} ms CPU (3 fast frames, 1 sweep)",
        (3.0 * fast_all.per_frame() + swept_all.per_frame()) / 4.0,
        (3.0 * fast_all.cpu_per_frame() + swept_all.cpu_per_frame()) / 4.0
    );
}

/// The CPU time this thread has run, in milliseconds (the machine is shared: wall time
/// counts the other programs' turns too). 0 where the kernel does not say.
fn thread_cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e6)
}

criterion_group!(benches, per_frame);

fn main() {
    if std::env::var_os("SKIP_RATES").is_none() {
        print_corpus_rates();
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
