//! The words printed on a pass card. The catalogue fills them (`text::passes::CARD`); the
//! card's drawing (`codes::pass::card`), which may not name `text`, prints what it is given.

/// A card's title and the labels of its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardWords {
    pub title: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub kind: &'static str,
    pub valid_to: &'static str,
    pub number: &'static str,
    pub resident: &'static str,
    pub worker: &'static str,
    pub vehicle: &'static str,
}
