//! Range checks on `kiosk.toml`: a hand-edited value that would panic (a retention of four
//! billion days), silence the fever alarm (`nan`) or blank the checkpoint id is refused with a
//! message naming the field, at load and before a save. The fever line is a
//! [`FeverThreshold`], valid once loaded; a bad one is named here, before the file is parsed.

use std::path::Path;

use super::{ConfigError, KioskConfig};
use crate::model::FeverThreshold;

/// The longest retention accepted: ten years, far beyond any epidemic rule.
pub const MAX_RETENTION_DAYS: u32 = 3650;
/// A day at most.
pub const MAX_REPEAT_WINDOW_MINUTES: u32 = 24 * 60;
pub const FONT_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.5..=4.0;
/// Checkpoint ids, names and gates are short labels.
pub const MAX_LABEL_CHARS: usize = 64;

/// What is wrong with a setting, after its field's name. `Display` is English; `text::errors`
/// words it in Chinese.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RangeProblem {
    #[error("is empty; give this checkpoint a short id such as \"east-gate\"")]
    EmptyId,
    #[error("must be at most {MAX_LABEL_CHARS} characters on one line")]
    LongLabel,
    #[error("is {0}; it must be between 1 and {MAX_RETENTION_DAYS} days")]
    Retention(u32),
    #[error("is {0}; it must be at most {MAX_REPEAT_WINDOW_MINUTES} minutes")]
    RepeatWindow(u32),
    #[error("is {0}; it must be between {min} and {max}", min = FONT_SCALE_RANGE.start(), max = FONT_SCALE_RANGE.end())]
    FontScale(f32),
    #[error(
        "is {0}; it must be a temperature between 36 and 40 °C (otherwise the fever alarm would never sound)"
    )]
    FeverLine(String),
}

impl KioskConfig {
    /// Refuses values out of range, naming the field and what is accepted.
    pub fn check(&self, path: &Path) -> Result<(), ConfigError> {
        let refuse = |field: &'static str, problem: RangeProblem| {
            Err(ConfigError::OutOfRange {
                path: path.to_path_buf(),
                field,
                problem,
            })
        };
        if self.checkpoint_id.trim().is_empty() {
            return refuse("checkpoint_id", RangeProblem::EmptyId);
        }
        for (field, value) in [
            ("checkpoint_id", &self.checkpoint_id),
            ("checkpoint_name", &self.checkpoint_name),
            ("gate", &self.gate),
        ] {
            if value.chars().count() > MAX_LABEL_CHARS || value.chars().any(char::is_control) {
                return refuse(field, RangeProblem::LongLabel);
            }
        }
        if !(1..=MAX_RETENTION_DAYS).contains(&self.retention_days) {
            return refuse(
                "retention_days",
                RangeProblem::Retention(self.retention_days),
            );
        }
        if self.repeat_window_minutes > MAX_REPEAT_WINDOW_MINUTES {
            return refuse(
                "repeat_window_minutes",
                RangeProblem::RepeatWindow(self.repeat_window_minutes),
            );
        }
        if !FONT_SCALE_RANGE.contains(&self.font_scale) {
            return refuse("font_scale", RangeProblem::FontScale(self.font_scale));
        }
        Ok(())
    }
}

/// Refuses a fever line that is no body temperature (`nan`, `41`) with the field named in both
/// languages; parsing would refuse it too, but in the parser's English words only.
pub(super) fn refuse_bad_fever_line(text: &str, path: &Path) -> Result<(), ConfigError> {
    let Some(line) = text
        .parse::<toml::Table>()
        .ok()
        .and_then(|table| table.get("fever_threshold_celsius")?.as_float())
    else {
        // Absent, not a number or a broken file: parsing says so.
        return Ok(());
    };
    let Err(refused) = FeverThreshold::new(line as f32) else {
        return Ok(());
    };
    Err(ConfigError::OutOfRange {
        path: path.to_path_buf(),
        field: "fever_threshold_celsius",
        problem: RangeProblem::FeverLine(refused.value().to_owned()),
    })
}
