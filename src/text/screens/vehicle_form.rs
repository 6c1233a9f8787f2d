//! The words of `gate::vehicle_form`.

use crate::text::{Phrase, p};

pub const PLATE_NEEDED: Phrase = p("请输入车牌", "Type the plate");
