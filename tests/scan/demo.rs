//! The bundled demo frames (data/demo, embedded in the binary) show what they claim to show.

use crate::support_scene;

use checkpoint_kiosk::capture::{DEMO_FRAMES, demo_images};
use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::scan::scan_still;
use support_scene::{
    BLACK_SHADES, Difficulty, GREEN_SHADES, RED_SHADES, YELLOW_SHADES, render_scene,
    render_scene_without_code,
};

#[test]
fn every_demo_frame_decodes_to_its_expected_code_and_colour() {
    let images = demo_images();
    assert_eq!(
        images.len(),
        DEMO_FRAMES.len(),
        "every embedded PNG decodes"
    );
    for (frame, image) in DEMO_FRAMES.iter().zip(&images) {
        let codes = scan_still(image);
        match frame.expected {
            Some((payload, colour)) => {
                assert_eq!(codes.len(), 1, "{}: {codes:?}", frame.file_name);
                assert_eq!(codes[0].text, payload, "{}", frame.file_name);
                assert_eq!(codes[0].colour, colour, "{}", frame.file_name);
            }
            None => assert!(codes.is_empty(), "{}: {codes:?}", frame.file_name),
        }
    }
}

#[test]
fn demo_frames_cover_every_verdict_and_a_frame_without_code() {
    let colours: Vec<Option<HealthColour>> = DEMO_FRAMES
        .iter()
        .map(|frame| frame.expected.map(|(_, colour)| colour))
        .collect();
    for wanted in [
        Some(HealthColour::Green),
        Some(HealthColour::Yellow),
        Some(HealthColour::Red),
        None,
    ] {
        assert!(colours.contains(&wanted), "missing {wanted:?}");
    }
}

#[test]
fn demo_frames_are_small_720p_pictures() {
    for (frame, image) in DEMO_FRAMES.iter().zip(demo_images()) {
        assert_eq!(image.dimensions(), (1280, 720), "{}", frame.file_name);
        assert!(
            frame.png.len() < 400_000,
            "{} is {} bytes",
            frame.file_name,
            frame.png.len()
        );
    }
}

/// Rewrites data/demo from the generator: `cargo test --test scan -- --ignored demo::`.
#[test]
#[ignore = "writes data/demo; run by hand after changing the generator"]
fn regenerate_demo_frames() {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};

    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo");
    for (index, frame) in DEMO_FRAMES.iter().enumerate() {
        let seed = 4242 + index as u64;
        let scene = match frame.expected {
            Some((payload, colour)) => {
                let shades: &[[u8; 3]] = match colour {
                    HealthColour::Green => &GREEN_SHADES,
                    HealthColour::Yellow => &YELLOW_SHADES,
                    HealthColour::Red => &RED_SHADES,
                    HealthColour::Unknown => &BLACK_SHADES,
                };
                render_scene(
                    payload,
                    shades[index % shades.len()],
                    [1280, 720],
                    &Difficulty::DEMO,
                    seed,
                )
            }
            None => render_scene_without_code([1280, 720], &Difficulty::DEMO, seed),
        };
        let file =
            std::fs::File::create(folder.join(frame.file_name)).expect("data/demo is writable");
        PngEncoder::new_with_quality(
            std::io::BufWriter::new(file),
            CompressionType::Best,
            FilterType::Adaptive,
        )
        .write_image(
            scene.image.as_raw(),
            1280,
            720,
            image::ExtendedColorType::Rgb8,
        )
        .expect("PNG written");
    }
}
