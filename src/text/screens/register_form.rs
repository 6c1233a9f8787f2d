//! The words of `gate::register_form`.

use crate::text::{Phrase, p};

pub const PICK_COLOUR: Phrase = p(
    "请选择纸质码或口述的颜色",
    "Pick the colour of the paper code or as told",
);

/// The words of a child registered without an ID.
pub struct ChildWords {
    pub needs_guardian: Phrase,
    pub pick_age_band: Phrase,
}

pub const CHILD: ChildWords = ChildWords {
    needs_guardian: p(
        "无证件儿童须随监护人登记：先登记监护人，再按「保存并登记同行人」",
        "A child without ID is registered with a guardian: register the guardian first, then press “Save and add a companion”",
    ),
    pick_age_band: p("请选择儿童的年龄段", "Pick the child's age band"),
};
