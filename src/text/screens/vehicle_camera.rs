//! The words of `ui::vehicle_camera` beyond the plate camera's own (`text::plate`).

use crate::model::plate_read::PlateColour;
use crate::text::{Phrase, Said, p};

/// A plate's colour as the camera read it.
pub fn plate_colour(colour: PlateColour) -> Phrase {
    match colour {
        PlateColour::Blue => p("蓝牌", "blue plate"),
        PlateColour::Yellow => p("黄牌", "yellow plate"),
        PlateColour::Green => p("绿牌", "green plate"),
        PlateColour::White => p("白牌", "white plate"),
        PlateColour::Black => p("黑牌", "black plate"),
    }
}

/// The plate was registered within the repeat window (at `at`, at `place`).
pub fn repeat_vehicle(at: &str, place: &Said) -> Said {
    Said::new(
        format!("⚠ 重复车辆：已于 {at} 在 {} 登记过", place.zh),
        format!("⚠ Repeat vehicle: registered at {at} at {}", place.en),
    )
}
