//! Text that came from somewhere else (another kiosk through the district's server, a
//! neighbour's export file): control characters and invisible direction marks taken out and the
//! length capped before it reaches a screen, a report or the database.

/// Characters that change how the rest of a line is drawn (direction overrides and isolates,
/// zero-width joiners and marks, the byte-order mark) without being visible themselves.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Whether `c` may be shown as is: not a control character, not an invisible format mark.
pub fn is_shown_char(c: char) -> bool {
    !c.is_control() && !is_invisible_format(c)
}

/// `text` without control characters or invisible format marks (a line break becomes a space),
/// trimmed, at most `max_chars` characters.
pub fn clean_text(text: &str, max_chars: usize) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| is_shown_char(*c))
        .collect();
    cleaned
        .trim()
        .chars()
        .take(max_chars)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Whether `text` is already clean: [`clean_text`] would leave it as it is.
pub fn is_clean(text: &str, max_chars: usize) -> bool {
    text.chars().count() <= max_chars && text.chars().all(is_shown_char) && text.trim() == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_overrides_are_taken_out_and_the_length_capped() {
        assert_eq!(clean_text("north\u{202E}etag\0", 64), "northetag");
        assert_eq!(clean_text("two\nlines", 64), "two lines");
        assert_eq!(clean_text(&"门".repeat(200), 64).chars().count(), 64);
        assert_eq!(clean_text("  东门 ", 64), "东门");
        assert!(is_clean("东门 north", 64));
        assert!(!is_clean("a\u{200B}b", 64));
    }
}
