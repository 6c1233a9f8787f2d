//! The hard corpus: one generator per way a code at the gate is hard to read (far away, dim, shaken,
//! glare, sodium street light, screen moiré, dark mode, mirrored selfie camera, 45°, a family's
//! phones in one frame, payloads in Shift_JIS kanji or GB18030), each seeded so a failure replays.
//!
//! Every case keeps everything else mild, so a drop in one case points at one cause.

use image::RgbImage;
use qrcode::bits::Bits;
use qrcode::types::Version;
use qrcode::{EcLevel, QrCode};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use checkpoint_kiosk::model::HealthColour;

use super::{Difficulty, clutter, degrade, health_code_payload, phone_texture, shades, warp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Normal,
    Perspective,
    Blur,
    Noise,
    Glare,
    SodiumLight,
    Dim,
    Moire,
    Tiny,
    LargePhoto,
    DarkMode,
    Mirrored,
    Rotated45,
    ThreePhones,
    KanjiShiftJis,
    Gb18030WithEci,
    Gb18030WithoutEci,
    Utf8WithEci,
}

pub const CASES: [Case; 18] = [
    Case::Normal,
    Case::Perspective,
    Case::Blur,
    Case::Noise,
    Case::Glare,
    Case::SodiumLight,
    Case::Dim,
    Case::Moire,
    Case::Tiny,
    Case::LargePhoto,
    Case::DarkMode,
    Case::Mirrored,
    Case::Rotated45,
    Case::ThreePhones,
    Case::KanjiShiftJis,
    Case::Gb18030WithEci,
    Case::Gb18030WithoutEci,
    Case::Utf8WithEci,
];

impl Case {
    pub fn name(self) -> &'static str {
        match self {
            Self::Normal => "normal webcam",
            Self::Perspective => "strong perspective",
            Self::Blur => "motion/focus blur",
            Self::Noise => "sensor noise",
            Self::Glare => "glare on the glass",
            Self::SodiumLight => "sodium street light",
            Self::Dim => "dim at night",
            Self::Moire => "screen moire",
            Self::Tiny => "tiny (held far away)",
            Self::LargePhoto => "large 8 MP photo",
            Self::DarkMode => "dark mode (inverted)",
            Self::Mirrored => "mirrored (selfie camera)",
            Self::Rotated45 => "rotated 45 degrees",
            Self::ThreePhones => "three phones in one frame",
            Self::KanjiShiftJis => "kanji mode (Shift_JIS)",
            Self::Gb18030WithEci => "GB18030 bytes with ECI",
            Self::Gb18030WithoutEci => "GB18030 bytes without ECI",
            Self::Utf8WithEci => "UTF-8 bytes with ECI 26",
        }
    }
}

/// A code the scene holds: its text and the colour it must be read as (`Unknown`: any colour
/// but green is acceptable, as for black ink or a dark-mode code).
#[derive(Debug, Clone)]
pub struct ExpectedCode {
    pub text: String,
    pub colour: HealthColour,
}

pub struct CaseScene {
    pub image: RgbImage,
    pub codes: Vec<ExpectedCode>,
}

/// Everything mild: each case then turns up one knob.
const MILD: Difficulty = Difficulty {
    code_height_fraction: (0.28, 0.5),
    max_rotation_degrees: 20.0,
    max_perspective: 0.04,
    channel_gain: (0.92, 1.05),
    exposure: (0.88, 1.0),
    max_glare: 0.15,
    max_blur_radius: 1,
    max_noise_sigma: 3.0,
    jpeg_quality: Some((75, 92)),
};

/// How one phone looks.
#[derive(Debug, Clone, Copy, Default)]
struct Look {
    /// Light code on a black screen.
    dark_mode: bool,
    /// The screen's RGB stripes drawn, then shrunk without filtering: moiré.
    subpixels: bool,
    /// Exact rotation instead of the difficulty's random one.
    angle: Option<f32>,
}

/// Renders sample `seed` of `case`.
pub fn render_case(case: Case, seed: u64) -> CaseScene {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_c0de);
    let all_shades = shades();
    let (colour, ink) = all_shades[(seed as usize) % all_shades.len()];
    let payload = health_code_payload(&mut rng);
    let url = |text: String| (QrCode::with_error_correction_level(&text, EcLevel::M), text);
    let mut difficulty = MILD;
    let mut size = [1280, 720];
    let mut look = Look::default();
    let (code, text) = match case {
        Case::KanjiShiftJis => kanji_code(),
        Case::Gb18030WithEci => gb18030_code(true),
        Case::Gb18030WithoutEci => gb18030_code(false),
        Case::Utf8WithEci => utf8_eci_code(),
        _ => url(payload.clone()),
    };
    let code = code.expect("the corpus payload fits a QR code");
    match case {
        Case::Normal => difficulty = Difficulty::WEBCAM,
        Case::Perspective => {
            difficulty.max_perspective = 0.2;
            difficulty.max_rotation_degrees = 30.0;
        }
        Case::Blur => difficulty.max_blur_radius = 4,
        Case::Noise => difficulty.max_noise_sigma = 22.0,
        Case::Glare => difficulty.max_glare = 0.92,
        Case::Dim => {
            difficulty.exposure = (0.1, 0.25);
            difficulty.max_noise_sigma = 4.0;
        }
        Case::Moire => look.subpixels = true,
        Case::Tiny => {
            difficulty.code_height_fraction = (0.075, 0.12);
            difficulty.jpeg_quality = Some((85, 95));
        }
        Case::LargePhoto => {
            size = [3200, 2400];
            difficulty.code_height_fraction = (0.07, 0.2);
        }
        Case::DarkMode => look.dark_mode = true,
        Case::Rotated45 => {
            let sign = if rng.gen_bool(0.5) { 1.0 } else { -1.0 };
            look.angle = Some(sign * rng.gen_range(40.0..50.0));
        }
        _ => {}
    }
    let expected_colour = if look.dark_mode {
        HealthColour::Unknown
    } else {
        colour
    };
    let (mut image, codes) = if case == Case::ThreePhones {
        three_phones(size, &difficulty, &mut rng, seed)
    } else {
        let mut frame = clutter::background(size[0], size[1], &mut rng);
        let corners = draw_phone(&mut frame, &code, ink, &difficulty, look, &mut rng);
        degrade::apply(&mut frame, corners, &difficulty, &mut rng);
        let expected = ExpectedCode {
            text,
            colour: expected_colour,
        };
        (frame, vec![expected])
    };
    match case {
        Case::SodiumLight => sodium_cast(&mut image),
        Case::Mirrored => image::imageops::flip_horizontal_in_place(&mut image),
        _ => {}
    }
    CaseScene { image, codes }
}

/// Draws a phone showing `code` in `ink`; returns the code's corners in the frame.
fn draw_phone(
    frame: &mut RgbImage,
    code: &QrCode,
    ink: [u8; 3],
    difficulty: &Difficulty,
    look: Look,
    rng: &mut StdRng,
) -> [[f32; 2]; 4] {
    let fraction = difficulty.code_height_fraction;
    let short_side = frame.height().min(frame.width()) as f32;
    let code_frame_px = short_side * rng.gen_range(fraction.0..=fraction.1);
    let modules = code.width() as f32;
    // Moiré needs texture pixels finer than frame pixels: the stripes then alias.
    let oversample = if look.subpixels { 2.6 } else { 1.0 };
    let module_px = ((oversample * code_frame_px / modules).ceil() as u32).clamp(2, 48);
    let ink = if look.dark_mode { [16, 16, 16] } else { ink };
    let (mut screen, code_box) = phone_texture(code, ink, module_px, rng);
    if look.dark_mode {
        dark_mode(&mut screen);
    }
    if look.subpixels {
        rgb_stripes(&mut screen);
    }
    let angle = look.angle.unwrap_or_else(|| {
        rng.gen_range(-difficulty.max_rotation_degrees..=difficulty.max_rotation_degrees)
    });
    warp::place_phone_rotated(
        frame,
        &screen,
        code_box,
        code_frame_px,
        angle,
        difficulty.max_perspective,
        rng,
    )
}

/// Three phones side by side, each its own payload and colour.
fn three_phones(
    size: [u32; 2],
    difficulty: &Difficulty,
    rng: &mut StdRng,
    seed: u64,
) -> (RgbImage, Vec<ExpectedCode>) {
    let [width, height] = size;
    let mut frame = clutter::background(width, height, rng);
    let column_width = width / 3;
    let all_shades = shades();
    let mut codes = Vec::new();
    let mut first_corners = None;
    let mut column_difficulty = *difficulty;
    column_difficulty.code_height_fraction = (0.5, 0.7);
    for column in 0..3u32 {
        let (colour, ink) = all_shades[(seed as usize + column as usize * 5) % all_shades.len()];
        let text = health_code_payload(rng);
        let code = QrCode::with_error_correction_level(&text, EcLevel::M).expect("fits");
        let mut part = clutter::background(column_width, height, rng);
        let corners = draw_phone(
            &mut part,
            &code,
            ink,
            &column_difficulty,
            Look::default(),
            rng,
        );
        image::imageops::replace(&mut frame, &part, i64::from(column * column_width), 0);
        if first_corners.is_none() {
            first_corners = Some(corners.map(|[x, y]| [x + (column * column_width) as f32, y]));
        }
        codes.push(ExpectedCode { text, colour });
    }
    let corners = first_corners.unwrap_or([[0.0, 0.0]; 4]);
    degrade::apply(&mut frame, corners, difficulty, rng);
    (frame, codes)
}

/// A dark-mode screen: everything lit becomes dark and the other way round.
fn dark_mode(screen: &mut RgbImage) {
    for pixel in screen.pixels_mut() {
        pixel.0 = pixel.0.map(|value| 255 - value);
    }
}

/// Each texture column lights only its own colour stripe (with some bleed), as a phone's
/// sub-pixels do under a macro lens.
fn rgb_stripes(screen: &mut RgbImage) {
    for (x, _, pixel) in screen.enumerate_pixels_mut() {
        let lit = (x % 3) as usize;
        for (channel, value) in pixel.0.iter_mut().enumerate() {
            if channel != lit {
                *value = (f32::from(*value) * 0.55) as u8;
            }
        }
    }
}

/// Low-pressure sodium light: almost monochromatic orange; blue nearly gone.
fn sodium_cast(image: &mut RgbImage) {
    for pixel in image.pixels_mut() {
        let [r, g, b] = pixel.0.map(f32::from);
        pixel.0 = [
            (r + 12.0).min(255.0) as u8,
            (g * 0.68 + 6.0).min(255.0) as u8,
            (b * 0.22) as u8,
        ];
    }
}

/// Encodes `push` into the smallest version (1..=20) that holds it.
fn smallest_code(push: impl Fn(&mut Bits) -> qrcode::types::QrResult<()>) -> Option<QrCode> {
    (1..=20).find_map(|version| {
        let mut bits = Bits::new(Version::Normal(version));
        push(&mut bits).ok()?;
        bits.push_terminator(EcLevel::M).ok()?;
        QrCode::with_bits(bits, EcLevel::M).ok()
    })
}

fn kanji_code() -> (qrcode::types::QrResult<QrCode>, String) {
    let text = "健康証明書 陰性 山田太郎".to_owned();
    let kanji: String = text.chars().filter(|c| *c != ' ').collect();
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&kanji);
    let code = smallest_code(|bits| bits.push_kanji_data(&bytes));
    (code.ok_or(qrcode::types::QrError::DataTooLong), kanji)
}

fn gb18030_code(with_eci: bool) -> (qrcode::types::QrResult<QrCode>, String) {
    let text = "长沙市居民健康码 绿码 张三 430102".to_owned();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let code = smallest_code(|bits| {
        if with_eci {
            bits.push_eci_designator(32)?;
        }
        bits.push_byte_data(&bytes)
    });
    (code.ok_or(qrcode::types::QrError::DataTooLong), text)
}

fn utf8_eci_code() -> (qrcode::types::QrResult<QrCode>, String) {
    let text = "湖南居民健康卡 https://jkm.demo.checkpoint-kiosk.invalid/v?t=ECI26".to_owned();
    let code = smallest_code(|bits| {
        bits.push_eci_designator(26)?;
        bits.push_byte_data(text.as_bytes())
    });
    (code.ok_or(qrcode::types::QrError::DataTooLong), text)
}
