//! Codes we do not recognise: shown as escaped, truncated text so the volunteer can read what
//! was scanned without control characters garbling the screen.

/// Characters of an unrecognised payload shown on screen.
pub const SHOWN_CHARS: usize = 48;

/// The text of a payload safe to display: control characters escaped, cut to `max_chars`.
pub fn display_text(payload: &str, max_chars: usize) -> String {
    let mut shown = escape_controls(payload.chars().take(max_chars));
    if payload.chars().nth(max_chars).is_some() {
        shown.push('…');
    }
    shown
}

/// The last `count` characters, escaped: enough to tell two codes apart, too little to misuse.
pub fn last_chars_escaped(text: &str, count: usize) -> String {
    let tail: Vec<char> = text.chars().rev().take(count).collect();
    escape_controls(tail.into_iter().rev())
}

/// Control characters as escapes (`\n`, `\u{1b}`) so they cannot garble a screen or a log.
fn escape_controls(chars: impl Iterator<Item = char>) -> String {
    let mut text = String::new();
    for c in chars {
        if c.is_control() {
            text.extend(c.escape_default());
        } else {
            text.push(c);
        }
    }
    text
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
