//! Codes we do not recognise: shown as escaped, truncated text so the volunteer can read what
//! was scanned without control characters garbling the screen.

/// Characters of an unrecognised payload shown on screen.
pub const SHOWN_CHARS: usize = 48;

/// The text of a payload safe to display: control characters escaped, cut to `max_chars`.
pub fn display_text(payload: &str, max_chars: usize) -> String {
    let mut shown: String = payload
        .chars()
        .take(max_chars)
        .flat_map(|c| -> Box<dyn Iterator<Item = char>> {
            if c.is_control() {
                Box::new(c.escape_default())
            } else {
                Box::new(std::iter::once(c))
            }
        })
        .collect();
    if payload.chars().nth(max_chars).is_some() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_long_text_is_cut() {
        assert_eq!(display_text("a\nb\u{1b}[31m", 48), "a\\nb\\u{1b}[31m");
        assert_eq!(display_text("abcdef", 3), "abc…");
        assert_eq!(display_text("绿码", 3), "绿码");
    }
}
