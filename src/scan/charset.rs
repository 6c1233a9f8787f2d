//! Payloads in a Chinese charset without an ECI marker. QR byte segments carry no charset unless
//! an ECI says so, and the decoders then guess among UTF-8, ISO-8859-1 and Shift_JIS, as ZXing
//! does. A GB18030 (GBK, GB2312) payload, which Chinese issuers produce, comes out as Latin-1
//! accents or half-width katakana. At a Chinese checkpoint GB18030 is by far the likelier
//! reading, so such text is turned back into its bytes and read as GB18030 when that gives
//! Chinese characters cleanly.

use encoding_rs::{GB18030, SHIFT_JIS};

/// The payload as the issuer wrote it, when `text` is a GB18030 payload misread; else `text`.
pub fn repaired(text: String) -> String {
    let Some(bytes) = misread_bytes(&text).filter(|bytes| high_runs_are_even(bytes)) else {
        return text;
    };
    match GB18030.decode_without_bom_handling_and_without_replacement(&bytes) {
        Some(chinese) if has_han(&chinese) && !has_control(&chinese) => chinese.into_owned(),
        _ => text,
    }
}

/// The bytes behind a Latin-1 or Shift_JIS guess, when the text looks like one.
fn misread_bytes(text: &str) -> Option<Vec<u8>> {
    if text.is_ascii() {
        return None;
    }
    if text.chars().all(|c| u32::from(c) <= 0xFF) {
        // ISO-8859-1: every character is its byte.
        return Some(text.chars().map(|c| u32::from(c) as u8).collect());
    }
    let half_width_katakana = text.chars().any(|c| ('\u{FF61}'..='\u{FF9F}').contains(&c));
    if half_width_katakana {
        let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
        return (!unmappable).then(|| bytes.into_owned());
    }
    None
}

/// Chinese characters are two (or four) bytes above 0x7F in a row; a European accent is one.
fn high_runs_are_even(bytes: &[u8]) -> bool {
    bytes
        .split(u8::is_ascii)
        .all(|run| run.len().is_multiple_of(2))
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

fn has_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb18030_read_as_latin1_is_read_again_as_chinese() {
        let (bytes, _, _) = GB18030.encode("健康码 绿码");
        let latin1: String = bytes.iter().map(|byte| char::from(*byte)).collect();
        assert_eq!(repaired(latin1), "健康码 绿码");
    }

    #[test]
    fn ascii_utf8_japanese_and_latin1_text_stay_as_they_are() {
        for text in [
            "https://example.test/v?t=1",
            "湖南健康码",
            "健康証明書",
            "Müller Café",
        ] {
            assert_eq!(repaired(text.to_owned()), text);
        }
    }
}
