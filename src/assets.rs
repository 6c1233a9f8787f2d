//! Files bundled into the binary that more than one layer needs. Kept apart from `ui` so that
//! headless code (`codes` drawing pass cards) can use them without depending on the UI.

/// Noto Sans SC, GB2312 subset (SIL OFL, see `assets/fonts/OFL.txt`): CFF-flavoured OpenType.
pub const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Regular-GB2312.otf");

pub mod text_line;
