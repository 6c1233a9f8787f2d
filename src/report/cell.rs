//! One cell of a human report, typed: Excel writes numbers as numbers and times as date-times,
//! CSV and HTML print the same cell as text.

use chrono::NaiveDateTime;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count or a temperature, printed with `decimals` digits after the point.
    Number {
        value: f64,
        decimals: u8,
    },
    /// A local time; `seconds` when the report shows them.
    Time {
        at: NaiveDateTime,
        seconds: bool,
    },
    Blank,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        let text = text.into();
        if text.is_empty() {
            Self::Blank
        } else {
            Self::Text(text)
        }
    }

    pub fn count(count: impl Into<u64>) -> Self {
        // Counts of entries stay far below 2^53: exact as an f64.
        Self::Number {
            value: count.into() as f64,
            decimals: 0,
        }
    }

    /// A temperature to one decimal, rounded so that a stored 37.3 is exactly 37.3 in Excel
    /// (as an `f32` it is 37.29999…, which a "≥ 37.3" filter would miss).
    pub fn celsius(celsius: f32) -> Self {
        Self::Number {
            value: (f64::from(celsius) * 10.0).round() / 10.0,
            decimals: 1,
        }
    }

    pub fn time(at: NaiveDateTime) -> Self {
        Self::Time { at, seconds: true }
    }

    pub fn minute(at: NaiveDateTime) -> Self {
        Self::Time { at, seconds: false }
    }

    /// The cell as CSV and HTML print it.
    pub fn shown(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Number { value, decimals } => format!("{value:.*}", usize::from(*decimals)),
            Self::Time { at, seconds: true } => at.format("%Y-%m-%d %H:%M:%S").to_string(),
            Self::Time { at, seconds: false } => at.format("%Y-%m-%d %H:%M").to_string(),
            Self::Blank => String::new(),
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::Cell;

    #[test]
    fn cells_print_as_the_reader_expects() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .and_then(|day| day.and_hms_opt(16, 10, 5))
            .expect("valid");
        assert_eq!(Cell::time(at).shown(), "2026-11-20 16:10:05");
        assert_eq!(Cell::minute(at).shown(), "2026-11-20 16:10");
        assert_eq!(Cell::celsius(37.3).shown(), "37.3");
        assert_eq!(
            Cell::celsius(37.3),
            Cell::Number {
                value: 37.3,
                decimals: 1
            }
        );
        assert_eq!(Cell::count(12u64).shown(), "12");
        assert_eq!(Cell::text(""), Cell::Blank);
    }
}
