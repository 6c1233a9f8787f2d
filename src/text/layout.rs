//! Words of the screens' layout (issue 23): what opens the part of a form that did not fit.

use super::{Phrase, p};

/// Opens the rest of the Scan screen's form when the window is short (code, direction, travel
/// card, origin, decision): the banner, temperature, colour and confirm come first.
pub const MORE: Phrase = p(
    "更多（方向、行程、来源、处理）",
    "More (direction, travel, origin, decision)",
);
