//! The pipeline on the demo feed: events arrive, once per appearance, rearm works, stills scan,
//! and dropping it ends both threads.

use std::sync::atomic::AtomicUsize;

use super::*;
use crate::capture::{DEMO_FRAMES, demo_images};
use crate::model::HealthColour;

/// The first demo frame (green) stays in view for the whole test.
const STEADY_DEMO: DemoTiming = DemoTiming {
    frame_interval: Duration::from_millis(30),
    per_image: Duration::from_mins(10),
};

fn demo_settings() -> CaptureSettings {
    CaptureSettings {
        force_demo: true,
        ..CaptureSettings::default()
    }
}

fn counting_wake() -> (Arc<AtomicUsize>, Wake) {
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    let wake: Wake = Arc::new(move || {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    (count, wake)
}

/// Collects events until `enough` holds or `timeout` passes.
fn collect_events(
    pipeline: &ScannerPipeline,
    timeout: Duration,
    enough: impl Fn(&[ScanEvent]) -> bool,
) -> Vec<ScanEvent> {
    let deadline = Instant::now() + timeout;
    let mut events = Vec::new();
    while Instant::now() < deadline && !enough(&events) {
        events.extend(pipeline.try_events());
        std::thread::sleep(Duration::from_millis(20));
    }
    events
}

fn first_demo_payload() -> &'static str {
    DEMO_FRAMES[0]
        .expected
        .expect("first demo frame has a code")
        .0
}

#[test]
fn the_demo_feed_produces_an_event_with_the_codes_colour() {
    let (wakes, wake) = counting_wake();
    let pipeline = ScannerPipeline::start_with_demo_timing(demo_settings(), STEADY_DEMO, wake);
    let events = collect_events(&pipeline, Duration::from_secs(30), |events| {
        !events.is_empty()
    });
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].code.text, first_demo_payload());
    assert_eq!(events[0].code.colour, HealthColour::Green);
    assert_eq!(events[0].source, SourceKind::Demo);
    assert_eq!(pipeline.status(), CaptureStatus::Running(SourceKind::Demo));
    assert!(pipeline.latest_frame().is_some());
    assert!(wakes.load(Ordering::Relaxed) > 0);
}

#[test]
fn a_code_that_stays_in_view_fires_once_until_rearmed() {
    let (_, wake) = counting_wake();
    let pipeline = ScannerPipeline::start_with_demo_timing(demo_settings(), STEADY_DEMO, wake);
    let first = collect_events(&pipeline, Duration::from_secs(30), |events| {
        !events.is_empty()
    });
    assert_eq!(first.len(), 1);
    let sequence_after_first = pipeline.latest_frame().map(|frame| frame.sequence);
    let repeats = collect_events(&pipeline, Duration::from_secs(2), |_| false);
    assert!(repeats.is_empty(), "{repeats:?}");
    assert!(pipeline.latest_frame().map(|frame| frame.sequence) > sequence_after_first);
    pipeline.rearm();
    let again = collect_events(&pipeline, Duration::from_secs(30), |events| {
        !events.is_empty()
    });
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].code.text, first_demo_payload());
}

#[test]
fn a_still_picture_is_scanned_even_when_its_code_was_just_seen() {
    let (_, wake) = counting_wake();
    let pipeline = ScannerPipeline::start_with_demo_timing(demo_settings(), STEADY_DEMO, wake);
    collect_events(&pipeline, Duration::from_secs(30), |events| {
        !events.is_empty()
    });
    let green = demo_images()
        .into_iter()
        .next()
        .expect("demo images decode");
    pipeline.show_still(green, "green.png".to_owned());
    let events = collect_events(&pipeline, Duration::from_secs(30), |events| {
        !events.is_empty()
    });
    assert_eq!(events.len(), 1);
    let label = "green.png".to_owned();
    assert_eq!(
        events[0].source,
        SourceKind::Still {
            label: label.clone()
        }
    );
    assert_eq!(pipeline.status(), CaptureStatus::ShowingStill { label });
    pipeline.resume_live();
    let deadline = Instant::now() + Duration::from_secs(5);
    while pipeline.status() != CaptureStatus::Running(SourceKind::Demo) && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(pipeline.status(), CaptureStatus::Running(SourceKind::Demo));
}

#[test]
fn without_a_usable_camera_the_demo_runs_and_the_status_says_why() {
    let (_, wake) = counting_wake();
    let pipeline =
        ScannerPipeline::start_with_demo_timing(CaptureSettings::default(), STEADY_DEMO, wake);
    let deadline = Instant::now() + Duration::from_secs(20);
    while pipeline.status() == CaptureStatus::Starting && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    match pipeline.status() {
        // A machine with a camera: nothing more to check here.
        CaptureStatus::Running(SourceKind::Webcam { .. }) => {}
        CaptureStatus::DemoFallback { reason } => {
            assert!(!reason.is_empty());
            let frame = collect_frame(&pipeline, Duration::from_secs(20));
            assert_eq!(frame.map(|frame| frame.source), Some(SourceKind::Demo));
        }
        other => panic!("unexpected status {other:?}"),
    }
}

fn collect_frame(pipeline: &ScannerPipeline, timeout: Duration) -> Option<Frame> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(frame) = pipeline.latest_frame() {
            return Some(frame);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn dropping_the_pipeline_joins_both_threads() {
    let (_, wake) = counting_wake();
    let pipeline =
        ScannerPipeline::start_with_demo_timing(demo_settings(), STEADY_DEMO, Arc::clone(&wake));
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        Arc::strong_count(&wake) > 1,
        "the threads hold the wake callback"
    );
    drop(pipeline);
    assert_eq!(
        Arc::strong_count(&wake),
        1,
        "both threads ended and released it"
    );
}

#[test]
fn a_held_picture_wakes_the_window_once_and_is_decoded_only_until_settled() {
    let (wakes, wake) = counting_wake();
    let pipeline = ScannerPipeline::start_with_demo_timing(demo_settings(), STEADY_DEMO, wake);
    let events = collect_events(&pipeline, Duration::from_secs(30), |events| {
        !events.is_empty()
    });
    assert_eq!(events.len(), 1);
    // The decoder may still be giving its remaining stages their turn on this picture (slow on
    // a loaded machine): let it settle, then count.
    std::thread::sleep(Duration::from_secs(3));
    let woken = wakes.load(Ordering::Relaxed);
    let sequence = pipeline.latest_frame().map(|frame| frame.sequence);
    std::thread::sleep(Duration::from_secs(1));
    let later = pipeline.latest_frame().expect("frames keep coming");
    assert!(Some(later.sequence) > sequence, "the feed keeps publishing");
    assert_eq!(
        wakes.load(Ordering::Relaxed),
        woken,
        "about 30 frames of the same picture: the window was not woken again"
    );
    // Still seen: the rearmed code fires again without a new picture.
    pipeline.rearm();
    let again = collect_events(&pipeline, Duration::from_secs(10), |events| {
        !events.is_empty()
    });
    assert_eq!(again.len(), 1, "{again:?}");
}

#[test]
fn frames_wake_the_window_only_while_it_shows_the_picture() {
    let (wakes, wake) = counting_wake();
    let changing = DemoTiming {
        frame_interval: Duration::from_millis(20),
        per_image: Duration::from_millis(60),
    };
    let pipeline = ScannerPipeline::start_with_demo_timing(demo_settings(), changing, wake);
    std::thread::sleep(Duration::from_millis(600));
    assert!(
        wakes.load(Ordering::Relaxed) >= 3,
        "a changing feed wakes the preview"
    );
    pipeline.set_preview_wanted(false);
    // Let a scan event of the last picture arrive, then count.
    std::thread::sleep(Duration::from_millis(300));
    let _ = pipeline.try_events();
    let before = wakes.load(Ordering::Relaxed);
    std::thread::sleep(Duration::from_millis(600));
    let during = wakes.load(Ordering::Relaxed) - before;
    // Only scan events (one per demo code appearing) may wake it now, not the ~10 new pictures.
    let events = pipeline.try_events().len();
    assert!(during <= events, "{during} wakes for {events} events");
}
