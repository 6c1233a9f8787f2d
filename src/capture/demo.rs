//! The bundled demo feed: a few phone-screen pictures with health codes, compiled into the binary
//! so the kiosk can be tried (and trained on) without a camera, from any folder.

use image::RgbImage;

use crate::model::HealthColour;

/// One embedded demo picture and what it shows.
#[derive(Debug, Clone, Copy)]
pub struct DemoFrame {
    pub file_name: &'static str,
    pub png: &'static [u8],
    /// The code's payload and colour, or `None` for the frame without a code.
    pub expected: Option<(&'static str, HealthColour)>,
}

macro_rules! demo_png {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo/", $name))
    };
}

/// The demo frames in feed order.
pub const DEMO_FRAMES: [DemoFrame; 5] = [
    DemoFrame {
        file_name: "green.png",
        png: demo_png!("green.png"),
        expected: Some((
            "https://jkm.demo.checkpoint-kiosk.invalid/v?t=G7K2QW9XNB4R",
            HealthColour::Green,
        )),
    },
    DemoFrame {
        file_name: "yellow.png",
        png: demo_png!("yellow.png"),
        expected: Some((
            "https://jkm.demo.checkpoint-kiosk.invalid/v?t=Y3M8PD5TZC1H",
            HealthColour::Yellow,
        )),
    },
    DemoFrame {
        file_name: "no-code.png",
        png: demo_png!("no-code.png"),
        expected: None,
    },
    DemoFrame {
        file_name: "red.png",
        png: demo_png!("red.png"),
        expected: Some((
            "https://jkm.demo.checkpoint-kiosk.invalid/v?t=R9F4LV2SJE6A",
            HealthColour::Red,
        )),
    },
    DemoFrame {
        file_name: "green-2.png",
        png: demo_png!("green-2.png"),
        expected: Some((
            "https://jkm.demo.checkpoint-kiosk.invalid/v?t=G2W6HN8QKX5D",
            HealthColour::Green,
        )),
    },
];

/// Decodes the embedded frames; a frame that fails to decode is skipped (it cannot, short of a
/// broken build, since tests decode every one).
pub fn demo_images() -> Vec<RgbImage> {
    DEMO_FRAMES
        .iter()
        .filter_map(|frame| image::load_from_memory(frame.png).ok())
        .map(|image| image.to_rgb8())
        .collect()
}
