//! Synthetic test scenes: a coloured QR code on a phone screen held up to a webcam.
//!
//! A scene is a cluttered background (with green things in it, to catch colour readers that look
//! outside the code), a phone whose light screen shows the code, placed with perspective, scale
//! and rotation, then degraded like a cheap webcam: white balance, exposure, glare, blur, noise,
//! JPEG. Everything is driven by a seeded `StdRng`, so a failing sample can be replayed.

#![allow(dead_code)] // Each test binary uses a different part of the generator.

pub mod cases;
mod clutter;
mod degrade;
pub mod timing;
mod warp;

use image::{Rgb, RgbImage};
use qrcode::{Color, EcLevel, QrCode};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use checkpoint_kiosk::model::HealthColour;

/// The ink shades the health-code apps are seen to use, per verdict colour.
pub const GREEN_SHADES: [[u8; 3]; 3] = [[0x00, 0xA0, 0x50], [0x1A, 0xAD, 0x19], [0x2E, 0x8B, 0x57]];
pub const YELLOW_SHADES: [[u8; 3]; 3] =
    [[0xF5, 0xC4, 0x00], [0xFF, 0xD7, 0x00], [0xE6, 0xB8, 0x00]];
pub const RED_SHADES: [[u8; 3]; 3] = [[0xE0, 0x20, 0x20], [0xD0, 0x02, 0x1B], [0xFF, 0x3B, 0x30]];
pub const BLACK_SHADES: [[u8; 3]; 1] = [[0x10, 0x10, 0x10]];

/// More shades apps draw, for the colour tests (the hard corpus keeps the classic ones above, so
/// its measured reads stay comparable): the UI kits' (WeChat, Ant Design, Element: a green near
/// 100°, an orange-ish warning yellow at 31°) and pale ones (a faded print, a bright screen),
/// issue 22. A pale red (#FFA39E) reads as red too (`scan::colour`'s tests), but its thin
/// contrast under the webcam's glare decodes less often than the decode-rate bar.
pub const APP_SHADES: [(HealthColour, [u8; 3]); 7] = [
    (HealthColour::Green, [0x52, 0xC4, 0x1A]),
    (HealthColour::Green, [0x67, 0xC2, 0x3A]),
    (HealthColour::Green, [0xA8, 0xD8, 0xA8]),
    (HealthColour::Yellow, [0xFA, 0x8C, 0x16]),
    (HealthColour::Yellow, [0xFF, 0xE5, 0x8F]),
    (HealthColour::Red, [0xF5, 0x22, 0x2D]),
    (HealthColour::Red, [0xF5, 0x6C, 0x6C]),
];

/// The ink colours to test and the verdict each must give (`Unknown` for black).
pub fn shades() -> Vec<(HealthColour, [u8; 3])> {
    let mut out = Vec::new();
    for (colour, shades) in [
        (HealthColour::Green, &GREEN_SHADES[..]),
        (HealthColour::Yellow, &YELLOW_SHADES[..]),
        (HealthColour::Red, &RED_SHADES[..]),
        (HealthColour::Unknown, &BLACK_SHADES[..]),
    ] {
        out.extend(shades.iter().map(|shade| (colour, *shade)));
    }
    out
}

/// How hard a scene is: every knob is drawn from these ranges.
#[derive(Debug, Clone, Copy)]
pub struct Difficulty {
    /// Code width as a fraction of the frame height.
    pub code_height_fraction: (f32, f32),
    pub max_rotation_degrees: f32,
    /// Corner jitter as a fraction of the phone size (perspective).
    pub max_perspective: f32,
    /// Per-channel gain range (white balance) and overall exposure range.
    pub channel_gain: (f32, f32),
    pub exposure: (f32, f32),
    pub max_glare: f32,
    pub max_blur_radius: u32,
    pub max_noise_sigma: f32,
    /// JPEG quality range; `None` keeps the frame lossless.
    pub jpeg_quality: Option<(u8, u8)>,
}

impl Difficulty {
    /// What a webcam at a checkpoint gate sees on a bad day.
    pub const WEBCAM: Self = Self {
        code_height_fraction: (0.22, 0.6),
        max_rotation_degrees: 35.0,
        max_perspective: 0.1,
        channel_gain: (0.8, 1.1),
        exposure: (0.75, 1.1),
        max_glare: 0.45,
        max_blur_radius: 2,
        max_noise_sigma: 6.0,
        jpeg_quality: Some((55, 90)),
    };

    /// Mild conditions for the bundled demo frames (lossless, no noise: small PNG files).
    pub const DEMO: Self = Self {
        code_height_fraction: (0.38, 0.5),
        max_rotation_degrees: 12.0,
        max_perspective: 0.05,
        channel_gain: (0.95, 1.03),
        exposure: (0.92, 1.0),
        max_glare: 0.15,
        max_blur_radius: 1,
        max_noise_sigma: 0.0,
        jpeg_quality: None,
    };
}

/// A rendered scene and where its code ended up.
pub struct Scene {
    pub image: RgbImage,
    /// The code's outer corners in the frame: top-left, top-right, bottom-right, bottom-left.
    pub code_corners: [[f32; 2]; 4],
}

/// A plausible opaque health-code URL with a token drawn from `rng`.
pub fn health_code_payload(rng: &mut StdRng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let token: String = (0..12)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("https://jkm.demo.checkpoint-kiosk.invalid/v?t={token}")
}

/// Renders `payload` in `ink` onto a phone in a cluttered `width` x `height` scene.
pub fn render_scene(
    payload: &str,
    ink: [u8; 3],
    size: [u32; 2],
    difficulty: &Difficulty,
    seed: u64,
) -> Scene {
    let mut rng = StdRng::seed_from_u64(seed);
    let [width, height] = size;
    let mut frame = clutter::background(width, height, &mut rng);
    let code = QrCode::with_error_correction_level(payload, EcLevel::M).expect("payload fits a QR");
    let code_frame_px = height as f32
        * rng.gen_range(difficulty.code_height_fraction.0..=difficulty.code_height_fraction.1);
    let module_px = ((code_frame_px / code.width() as f32).ceil() as u32).clamp(2, 16);
    let (screen, code_box) = phone_texture(&code, ink, module_px, &mut rng);
    let code_corners = warp::place_phone(
        &mut frame,
        &screen,
        code_box,
        code_frame_px,
        difficulty,
        &mut rng,
    );
    degrade::apply(&mut frame, code_corners, difficulty, &mut rng);
    Scene {
        image: frame,
        code_corners,
    }
}

/// A scene with the same clutter and phone but a screen without any code.
pub fn render_scene_without_code(size: [u32; 2], difficulty: &Difficulty, seed: u64) -> Scene {
    let mut rng = StdRng::seed_from_u64(seed);
    let [width, height] = size;
    let mut frame = clutter::background(width, height, &mut rng);
    let blank = QrCode::new(b"x").expect("one byte fits");
    let (mut screen, code_box) = phone_texture(&blank, [0, 0, 0], 12, &mut rng);
    // Paint the code area like the rest of the screen: a phone showing a home screen.
    let light = *screen.get_pixel(code_box[0] - 1, code_box[1] - 1);
    for y in code_box[1]..code_box[3] {
        for x in code_box[0]..code_box[2] {
            screen.put_pixel(x, y, light);
        }
    }
    let code_corners = warp::place_phone(
        &mut frame,
        &screen,
        code_box,
        height as f32 * 0.4,
        difficulty,
        &mut rng,
    );
    degrade::apply(&mut frame, code_corners, difficulty, &mut rng);
    Scene {
        image: frame,
        code_corners,
    }
}

/// With `SCENES_OUT=DIR`, writes each frame as `NAME.png` and its payload as `NAME.txt`, so
/// another decoder (zxing-cpp, `tests/scan/zxing_compare.py`) reads exactly the same frames.
pub fn write_frames_if_asked(scenes: &[(String, RgbImage, Option<String>)]) {
    let Some(dir) = std::env::var_os("SCENES_OUT") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("scene folder");
    for (name, image, payload) in scenes {
        image
            .save(dir.join(format!("{name}.png")))
            .expect("scene saved");
        if let Some(payload) = payload {
            std::fs::write(dir.join(format!("{name}.txt")), payload).expect("payload saved");
        }
    }
}

/// The 640×480 webcam frames issue 23 times against zxing-cpp: every ink shade with a code, and
/// as many without. Each is `(name, image, payload)`.
pub fn webcam_frames_640x480() -> Vec<(String, RgbImage, Option<String>)> {
    const PER_SHADE: u64 = 6;
    let mut out = Vec::new();
    for (shade_index, (_, ink)) in shades().into_iter().enumerate() {
        for n in 0..PER_SHADE {
            let seed = 90_000 + shade_index as u64 * 100 + n;
            let payload = health_code_payload(&mut StdRng::seed_from_u64(seed));
            let image = render_scene(&payload, ink, [640, 480], &Difficulty::WEBCAM, seed).image;
            out.push((format!("code-{seed}"), image, Some(payload)));
            let empty = render_scene_without_code([640, 480], &Difficulty::WEBCAM, seed + 50).image;
            out.push((format!("none-{seed}"), empty, None));
        }
    }
    out
}

/// The phone: dark bezel, light screen, a header bar in the ink colour, grey "text" lines and the
/// code with its quiet zone. Returns the texture and the code's box [left, top, right, bottom].
fn phone_texture(
    code: &QrCode,
    ink: [u8; 3],
    module_px: u32,
    rng: &mut StdRng,
) -> (RgbImage, [u32; 4]) {
    let modules = code.width() as u32;
    let code_px = modules * module_px;
    let screen_w = code_px + 8 * module_px + code_px / 5;
    let screen_h = screen_w * 2;
    let bezel = (screen_w / 18).max(4);
    let tint = rng.gen_range(236..=255u8);
    let screen_white = Rgb([
        tint,
        tint.saturating_sub(rng.gen_range(0..6)),
        tint.saturating_sub(rng.gen_range(0..8)),
    ]);
    let mut texture = RgbImage::from_pixel(
        screen_w + 2 * bezel,
        screen_h + 2 * bezel,
        Rgb([24, 24, 28]),
    );
    fill(
        &mut texture,
        [bezel, bezel, bezel + screen_w, bezel + screen_h],
        screen_white,
    );
    fill(
        &mut texture,
        [bezel, bezel, bezel + screen_w, bezel + screen_h / 12],
        Rgb(ink),
    );
    for line in 0..6 {
        let top = bezel + screen_h * 2 / 3 + line * screen_h / 30;
        let right = bezel + screen_w * rng.gen_range(5..9) / 10;
        fill(
            &mut texture,
            [bezel + screen_w / 10, top, right, top + screen_h / 80],
            Rgb([150, 150, 155]),
        );
    }
    let left = bezel + (screen_w - code_px) / 2;
    let top = bezel + screen_h / 6;
    let colours = code.to_colors();
    for (index, colour) in colours.iter().enumerate() {
        if *colour == Color::Dark {
            let (mx, my) = (index as u32 % modules, index as u32 / modules);
            let x = left + mx * module_px;
            let y = top + my * module_px;
            fill(&mut texture, [x, y, x + module_px, y + module_px], Rgb(ink));
        }
    }
    (texture, [left, top, left + code_px, top + code_px])
}

/// Paints the box [left, top, right, bottom) (clipped to the image) in one colour, row by row.
pub fn fill(image: &mut RgbImage, [left, top, right, bottom]: [u32; 4], colour: Rgb<u8>) {
    let width = image.width() as usize;
    let (left, right) = (left as usize, (right as usize).min(width));
    let bottom = bottom.min(image.height()) as usize;
    if left >= right {
        return;
    }
    let raw: &mut [u8] = image;
    for y in top as usize..bottom {
        let row = &mut raw[(y * width + left) * 3..(y * width + right) * 3];
        for pixel in row.chunks_exact_mut(3) {
            pixel.copy_from_slice(&colour.0);
        }
    }
}
