//! The shift roster: the named stretches of the day a checkpoint is staffed in (by default
//! 白班 08:00–16:00, 中班 16:00–24:00, 夜班 00:00–08:00), so the Shift screen can say which
//! shift it is and when the handover is due.

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One roster entry as written in `kiosk.toml`: `{ name = "白班", from = "08:00", to = "16:00" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub name: String,
    pub from: String,
    pub to: String,
}

/// A checked roster slot; `to` of 00:00 (or "24:00") means midnight at the end of the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterSlot {
    pub name: String,
    pub from: NaiveTime,
    pub to: NaiveTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RosterError {
    #[error("roster time {0:?} is not HH:MM (e.g. 08:00 or 24:00)")]
    BadTime(String),
    #[error("roster shift {0:?} starts and ends at the same time")]
    Empty(String),
}

/// The default roster: three eight-hour shifts.
pub fn default_roster() -> Vec<RosterEntry> {
    [
        ("白班", "08:00", "16:00"),
        ("中班", "16:00", "24:00"),
        ("夜班", "00:00", "08:00"),
    ]
    .into_iter()
    .map(|(name, from, to)| RosterEntry {
        name: name.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
    })
    .collect()
}

fn parse_time(text: &str) -> Result<NaiveTime, RosterError> {
    let text = text.trim();
    if text == "24:00" {
        return Ok(NaiveTime::MIN);
    }
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| RosterError::BadTime(text.to_owned()))
}

impl RosterSlot {
    pub fn parse(entry: &RosterEntry) -> Result<Self, RosterError> {
        let (from, to) = (parse_time(&entry.from)?, parse_time(&entry.to)?);
        if from == to {
            return Err(RosterError::Empty(entry.name.clone()));
        }
        Ok(Self {
            name: entry.name.trim().to_owned(),
            from,
            to,
        })
    }

    /// Whether `time` of day falls in this slot (from inclusive, to exclusive; may cross midnight).
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.from < self.to {
            self.from <= time && time < self.to
        } else {
            time >= self.from || time < self.to
        }
    }

    /// "白班 08:00–16:00"
    pub fn label(&self) -> String {
        self.label_named(&self.name)
    }

    /// As [`Self::label`] with the shift's name as the reader calls it.
    pub fn label_named(&self, name: &str) -> String {
        let to = match (self.to.hour(), self.to.minute()) {
            (0, 0) => "24:00".to_owned(),
            _ => self.to.format("%H:%M").to_string(),
        };
        format!("{name} {}–{to}", self.from.format("%H:%M"))
    }
}

/// The slot covering `time`, if the roster covers it.
pub fn slot_at(roster: &[RosterSlot], time: NaiveTime) -> Option<&RosterSlot> {
    roster.iter().find(|slot| slot.contains(time))
}

/// Checks every entry; the first bad one is the error.
pub fn parse_roster(entries: &[RosterEntry]) -> Result<Vec<RosterSlot>, RosterError> {
    entries.iter().map(RosterSlot::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    #[test]
    fn the_default_roster_covers_every_minute_of_the_day_once() {
        let roster = parse_roster(&default_roster()).expect("valid");
        for minute in 0..24 * 60 {
            let time = at(minute / 60, minute % 60);
            let covering = roster.iter().filter(|slot| slot.contains(time)).count();
            assert_eq!(covering, 1, "{time}");
        }
        assert_eq!(
            slot_at(&roster, at(7, 59)).map(|s| s.name.as_str()),
            Some("夜班")
        );
        assert_eq!(
            slot_at(&roster, at(8, 0)).map(|s| s.name.as_str()),
            Some("白班")
        );
        assert_eq!(
            slot_at(&roster, at(23, 59))
                .map(RosterSlot::label)
                .as_deref(),
            Some("中班 16:00–24:00")
        );
    }

    #[test]
    fn a_slot_may_cross_midnight_and_bad_times_are_refused() {
        let night = RosterSlot::parse(&RosterEntry {
            name: "夜班".into(),
            from: "22:00".into(),
            to: "06:00".into(),
        })
        .expect("valid");
        assert!(
            night.contains(at(23, 0)) && night.contains(at(5, 59)) && !night.contains(at(6, 0))
        );
        let bad = RosterEntry {
            name: "x".into(),
            from: "8点".into(),
            to: "16:00".into(),
        };
        assert_eq!(
            RosterSlot::parse(&bad),
            Err(RosterError::BadTime("8点".into()))
        );
        let empty = RosterEntry {
            name: "x".into(),
            from: "08:00".into(),
            to: "08:00".into(),
        };
        assert!(matches!(
            RosterSlot::parse(&empty),
            Err(RosterError::Empty(_))
        ));
    }
}
