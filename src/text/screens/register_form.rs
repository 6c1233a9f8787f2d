//! The words of `ui::register_form`.

use crate::text::{Phrase, p};

pub const PICK_COLOUR: Phrase = p(
    "请选择纸质码或口述的颜色",
    "Pick the colour of the paper code or as told",
);
