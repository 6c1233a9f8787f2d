//! A plate read from a picture, as the plate reader (`crate::plate`) gives it and the Vehicle
//! screen shows it: plain data, so the screens never name the reader.

use serde::Serialize;

use super::plate::Plate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlateColour {
    Blue,
    Yellow,
    Green,
    White,
    Black,
}

impl PlateColour {
    pub const ALL: [PlateColour; 5] = [
        Self::Blue,
        Self::Yellow,
        Self::Green,
        Self::White,
        Self::Black,
    ];

    /// Stable name in JSON and the `plate` command's output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Blue => "blue",
            Self::Yellow => "yellow",
            Self::Green => "green",
            Self::White => "white",
            Self::Black => "black",
        }
    }
}

/// At or above this confidence a plate read fills the plate field by itself; below it, the
/// plate is offered as a suggestion the volunteer taps.
pub const AUTO_FILL_CONFIDENCE: f32 = 0.90;

/// One plate found in a picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadPlate {
    /// Normalised as the plate grammar stores it (京A12345).
    pub text: String,
    pub kind: PlateColour,
    /// How sure the reader is of every character, 0..1 (the least sure character counts).
    pub confidence: f32,
    /// Top-left, top-right, bottom-right, bottom-left, in picture pixels.
    pub corners: [[f32; 2]; 4],
}

impl ReadPlate {
    /// The plate as the grammar parsed it.
    pub fn plate(&self) -> Option<Plate> {
        Plate::parse(&self.text).ok()
    }

    /// Sure enough to fill the plate field without a tap.
    pub fn is_sure(&self) -> bool {
        self.confidence >= AUTO_FILL_CONFIDENCE
    }
}
