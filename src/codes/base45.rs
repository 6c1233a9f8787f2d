//! Base45 (RFC 9285): the text encoding EU DCC and our passes use, because its alphabet is the
//! QR code's alphanumeric mode and so packs almost as densely as raw bytes.

use thiserror::Error;

const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Why a Base45 text does not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Base45Error {
    #[error("character {0:?} is not in the Base45 alphabet")]
    BadCharacter(char),
    #[error("a Base45 text cannot have a length of 1 more than a multiple of 3")]
    BadLength,
    #[error("a Base45 group encodes a value larger than its bytes can hold")]
    Overflow,
}

/// Encodes bytes as Base45 text.
pub fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() / 2 * 3 + 2);
    for pair in bytes.chunks(2) {
        let (value, digits) = match pair {
            [high, low] => (u32::from(*high) * 256 + u32::from(*low), 3),
            [single] => (u32::from(*single), 2),
            _ => continue,
        };
        let mut rest = value;
        for _ in 0..digits {
            text.push(char::from(ALPHABET[(rest % 45) as usize]));
            rest /= 45;
        }
    }
    text
}

/// Decodes Base45 text; total on any input.
pub fn decode(text: &str) -> Result<Vec<u8>, Base45Error> {
    let digits = text
        .chars()
        .map(digit_value)
        .collect::<Result<Vec<u32>, _>>()?;
    if digits.len() % 3 == 1 {
        return Err(Base45Error::BadLength);
    }
    let mut bytes = Vec::with_capacity(digits.len() / 3 * 2 + 1);
    for group in digits.chunks(3) {
        let value = group.iter().rev().fold(0u32, |acc, digit| acc * 45 + digit);
        if group.len() == 3 {
            let pair = u16::try_from(value).map_err(|_| Base45Error::Overflow)?;
            bytes.extend_from_slice(&pair.to_be_bytes());
        } else {
            bytes.push(u8::try_from(value).map_err(|_| Base45Error::Overflow)?);
        }
    }
    Ok(bytes)
}

fn digit_value(character: char) -> Result<u32, Base45Error> {
    u8::try_from(character)
        .ok()
        .and_then(|byte| ALPHABET.iter().position(|&letter| letter == byte))
        .map(|position| position as u32)
        .ok_or(Base45Error::BadCharacter(character))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_9285_examples() {
        assert_eq!(encode(b"AB"), "BB8");
        assert_eq!(encode(b"Hello!!"), "%69 VD92EX0");
        assert_eq!(encode(b"base-45"), "UJCLQE7W581");
        assert_eq!(decode("QED8WEX0").expect("valid"), b"ietf!");
    }

    #[test]
    fn refuses_bad_characters_lengths_and_overflow() {
        assert_eq!(decode("abc"), Err(Base45Error::BadCharacter('a')));
        assert_eq!(decode("BB8B"), Err(Base45Error::BadLength));
        assert_eq!(decode(":::"), Err(Base45Error::Overflow));
        assert_eq!(decode("::"), Err(Base45Error::Overflow));
        assert_eq!(decode("").expect("empty is valid"), Vec::<u8>::new());
    }
}
