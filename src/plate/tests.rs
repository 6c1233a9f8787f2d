use super::*;
use crate::model::plate::PlateKind;

#[test]
fn the_grammar_decides_the_kind_where_it_knows_it() {
    assert_eq!(
        kind_for(PlateKind::NewEnergySmall, PlateColour::Blue),
        PlateColour::Green
    );
    assert_eq!(
        kind_for(PlateKind::Police, PlateColour::Blue),
        PlateColour::White
    );
    assert_eq!(
        kind_for(PlateKind::HongKong, PlateColour::White),
        PlateColour::Black
    );
    assert_eq!(
        kind_for(PlateKind::Ordinary, PlateColour::Yellow),
        PlateColour::Yellow
    );
    assert_eq!(
        kind_for(PlateKind::Ordinary, PlateColour::Black),
        PlateColour::Blue
    );
}

#[test]
fn only_text_the_grammar_accepts_becomes_a_plate() {
    let image = synth::plate_picture("京A12345", PlateColour::Blue);
    let corners = [[0.0, 0.0], [440.0, 0.0], [440.0, 140.0], [0.0, 140.0]];
    let read = |text: &str, confidence| rec::Recognised {
        text: text.to_owned(),
        confidence,
    };
    let plate = accept(&read("京A12345", 0.97), &image, &corners).expect("a plate");
    assert_eq!(
        (plate.text.as_str(), plate.kind),
        ("京A12345", PlateColour::Blue)
    );
    assert!(plate.is_sure());
    assert!(accept(&read("出口EXIT2KM", 0.99), &image, &corners).is_none());
    assert!(accept(&read("A12345", 0.99), &image, &corners).is_none());
    // Green by the grammar, blue by the picture: doubtful, never filled without a tap.
    let doubtful = accept(&read("粤BD12345", 0.95), &image, &corners).expect("a plate");
    assert_eq!(doubtful.kind, PlateColour::Green);
    assert!(!doubtful.is_sure());
}

/// The real models on the drawn corpus: one picture of each condition (two for the clear
/// lane). Prints per-condition results; holds that most plates are read exactly, that no wrong
/// plate is sure enough to fill the field by itself, and that a sign is never a plate.
#[test]
fn the_models_read_the_drawn_corpus() {
    let reader = PlateReader::load_installed().expect("the models in assets/models/ppocr-v4");
    let cases = synth::corpus(1);
    let (mut plates, mut exact, mut wrong_sure, mut right_kind) = (0, 0, 0, 0);
    for case in &cases {
        let (read, stages) = reader.read_profiled(&case.image).expect("the models run");
        let found: Vec<String> = read
            .iter()
            .map(|plate| {
                format!(
                    "{} {} {:.2}",
                    plate.text,
                    plate.kind.as_str(),
                    plate.confidence
                )
            })
            .collect();
        println!(
            "{:<12} expected {:?} read {found:?} {stages:?}",
            case.condition.name(),
            case.plates
        );
        for (text, colour) in &case.plates {
            plates += 1;
            if let Some(plate) = read.iter().find(|plate| plate.text == *text) {
                exact += 1;
                right_kind += usize::from(plate.kind == *colour);
            }
        }
        wrong_sure += read
            .iter()
            .filter(|plate| {
                plate.is_sure() && !case.plates.iter().any(|(text, _)| *text == plate.text)
            })
            .count();
        assert!(read.iter().all(|plate| plate.plate().is_some()));
    }
    println!("exact {exact}/{plates}, right kind {right_kind}, wrong above threshold {wrong_sure}");
    assert_eq!(wrong_sure, 0, "a wrong plate would have filled the field");
    assert!(
        exact * 4 >= plates * 3,
        "read {exact} of {plates} plates exactly"
    );
    assert_eq!(right_kind, exact, "every plate read has its kind");
}

/// What the colour localiser finds on the drawn corpus and what each candidate reads as, to see
/// why a frame falls back to the whole-frame detector. Run by hand:
/// `cargo test --lib plate::tests::what_the_colours_find -- --ignored --nocapture`.
#[test]
#[ignore = "a diagnosis printout, not a check"]
fn what_the_colours_find() {
    let reader = PlateReader::load_installed().expect("the models in assets/models/ppocr-v4");
    for (index, case) in synth::corpus(8).iter().enumerate() {
        let located = locate::locate(&case.image);
        let reads: Vec<String> = located
            .candidates
            .iter()
            .map(|candidate| {
                let crop = rec::cut_out(&case.image, &candidate.corners);
                let read = reader.recogniser.recognise(&crop).expect("the model runs");
                format!(
                    "{} {:.0}px {} {:.2}",
                    candidate.colour.as_str(),
                    candidate.length,
                    read.text,
                    read.confidence
                )
            })
            .collect();
        println!(
            "{} hide={} {reads:?}",
            case.file_name(index),
            located.may_hide_plates
        );
    }
}

/// A white police plate beside a blue one (the drawn corpus's two-cars-55): the colour stage
/// reads the blue plate and the fast path stops there; the live thread's whole-frame sweep,
/// every few frames, also finds the white one.
#[test]
fn the_whole_frame_sweep_finds_a_white_plate_beside_a_blue_one() {
    let reader = PlateReader::load_installed().expect("the models in assets/models/ppocr-v4");
    let first = (6 * 3 + 7 * 5) % synth::PLATES.len();
    let case = synth::case(synth::Condition::TwoCars, first, 6007);
    let texts = |sweep| -> Vec<String> {
        let (read, _) = reader
            .read_swept(&case.image, sweep)
            .expect("the models run");
        read.into_iter().map(|plate| plate.text).collect()
    };
    let white = case
        .plates
        .iter()
        .find(|(_, colour)| *colour == PlateColour::White)
        .map(|(text, _)| text.clone())
        .expect("a white plate in this case");
    let fast = texts(Sweep::WhenNeeded);
    let swept = texts(Sweep::Always);
    assert!(
        swept.contains(&white),
        "the sweep misses {white}: {swept:?}"
    );
    assert!(
        fast.iter().all(|text| swept.contains(text)),
        "the sweep lost a fast read: {fast:?} vs {swept:?}"
    );
}

/// Where the models' time goes, op by op (`cargo test --release --lib profile_the_models --
/// --ignored --nocapture`): a diagnosis for the per-frame budget, not a check.
#[test]
#[ignore = "a diagnosis that prints timings"]
fn profile_the_models_per_op() {
    use super::det::Output;
    for (file, shape, output) in [
        (
            super::models::DETECTOR_FILE,
            [1, 3, 384, 640],
            Output::AsExported,
        ),
        (
            super::models::RECOGNISER_FILE,
            [1, 3, 48, 256],
            Output::BeforeSoftmax,
        ),
    ] {
        println!("{file} {shape:?}");
        profile_per_op(file, shape, output);
    }
}

fn profile_per_op(file: &str, shape: [usize; 4], output: super::det::Output) {
    use std::collections::BTreeMap;
    use tract_onnx::prelude::*;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/models/ppocr-v4")
        .join(file);
    let bytes = std::fs::read(&path).expect("the model");
    let plan =
        super::det::plan_with(&bytes, shape, super::det::Kernels::Ours, output).expect("a plan");
    let input: TValue = Tensor::zero::<f32>(&shape).expect("a tensor").into();
    let mut per_op: BTreeMap<String, (u32, std::time::Duration)> = BTreeMap::new();
    let mut state = SimpleState::new(&plan).expect("a state");
    for round in 0..3 {
        let started = std::time::Instant::now();
        state
            .run_plan_with_eval(tvec!(input.clone()), |session, op_state, node, inputs| {
                let began = std::time::Instant::now();
                let out = tract_onnx::tract_core::plan::eval(session, op_state, node, inputs);
                if round > 0 {
                    let entry = per_op.entry(node.op().name().to_string()).or_default();
                    entry.0 += 1;
                    entry.1 += began.elapsed();
                }
                out
            })
            .expect("a run");
        println!("run {round}: {:?}", started.elapsed());
    }
    let mut rows: Vec<_> = per_op.into_iter().collect();
    rows.sort_by_key(|(_, (_, total))| std::cmp::Reverse(*total));
    for (op, (count, total)) in rows.iter().take(12) {
        println!(
            "{op:<28} {count:>5} nodes·runs {:>9.1} ms per run",
            total.as_secs_f64() * 500.0
        );
    }
}

/// Both models with our kernels (`plate::upsample`'s repeats, `plate::depthwise`) give what
/// tract's own give, value for value, on a frame of the drawn corpus and a drawn plate: the
/// detector's probability map and the recogniser's scores before the softmax.
#[test]
fn our_kernels_give_what_tract_gives() {
    use super::det::{Kernels, Output};
    use tract_onnx::prelude::*;
    let frame = synth::corpus(1).remove(0).image;
    let model = |file: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/models/ppocr-v4")
            .join(file);
        std::fs::read(&path).expect("the model")
    };
    // Runs the plan, first checking which of our ops it holds: all of `ours` with our
    // kernels, none with tract's (else the comparison would compare tract with itself).
    let run = |bytes: &[u8], shape: [usize; 4], output, kernels, input: Tensor| {
        let plan = super::det::plan_with(bytes, shape, kernels, output).expect("a plan");
        let names: std::collections::HashSet<String> = plan
            .model()
            .nodes()
            .iter()
            .map(|node| node.op.name().to_string())
            .collect();
        let ours = [
            "KioskDepthwise",
            "KioskDense",
            "KioskUpconv",
            "KioskBroadcast",
            "KioskPad",
        ];
        let held: Vec<&str> = ours.into_iter().filter(|op| names.contains(*op)).collect();
        let result = plan.run(tvec!(input.into())).expect("a run");
        (result[0].as_slice::<f32>().expect("floats").to_vec(), held)
    };
    let worst = |a: &[f32], b: &[f32]| {
        assert_eq!(a.len(), b.len());
        a.iter()
            .zip(b)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max)
    };

    let detector = model(super::models::DETECTOR_FILE);
    let shape = [1, 3, 256, 448];
    let input = || {
        super::det::input_tensor(&frame, shape[3], shape[2])
            .expect("input")
            .0
    };
    let (tract, none) = run(
        &detector,
        shape,
        Output::AsExported,
        Kernels::Tract,
        input(),
    );
    let (ours, held) = run(&detector, shape, Output::AsExported, Kernels::Ours, input());
    assert!(none.is_empty(), "tract's plan holds {none:?}");
    assert_eq!(
        held,
        [
            "KioskDepthwise",
            "KioskDense",
            "KioskUpconv",
            "KioskBroadcast",
            "KioskPad"
        ]
    );
    assert!(
        worst(&tract, &ours) < 1e-4,
        "the maps differ by up to {}",
        worst(&tract, &ours)
    );
    assert!(
        tract.iter().any(|value| *value > 0.5),
        "the frame's plate shows in the map"
    );

    let recogniser = model(super::models::RECOGNISER_FILE);
    let shape = [1, 3, 48, 256];
    let plate = synth::plate_picture("粤B3X8Z7", super::PlateColour::Blue);
    let line = image::imageops::resize(&plate, 192, 48, image::imageops::FilterType::Triangle);
    let input = || super::det::padded_bgr_tensor(&line, shape[3], shape[2]).expect("input");
    let (tract, _) = run(
        &recogniser,
        shape,
        Output::BeforeSoftmax,
        Kernels::Tract,
        input(),
    );
    let (ours, held) = run(
        &recogniser,
        shape,
        Output::BeforeSoftmax,
        Kernels::Ours,
        input(),
    );
    assert!(
        held.contains(&"KioskDepthwise"),
        "the recogniser holds {held:?}"
    );
    assert!(
        worst(&tract, &ours) < 1e-3,
        "the scores differ by up to {}",
        worst(&tract, &ours)
    );
}
