//! One scan event per appearance of a code.
//!
//! A phone held in front of the camera shows the same code in dozens of consecutive frames, and
//! the decoder misses some of them. A payload fires once, then stays quiet until it has been
//! out of sight for [`ABSENCE_REARMS_AFTER`] or the UI calls [`Debouncer::rearm`] (the person was
//! saved and the next one may carry the same code). The clock is passed in so tests control it.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long a code must be out of sight before it counts as a new appearance.
pub const ABSENCE_REARMS_AFTER: Duration = Duration::from_millis(1500);

#[derive(Debug, Default)]
pub struct Debouncer {
    last_seen: HashMap<String, Instant>,
}

impl Debouncer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `text` was decoded at `at`; true when this is a new appearance.
    pub fn is_new_appearance(&mut self, text: &str, at: Instant) -> bool {
        self.forget_absent(at);
        let is_new = !self.last_seen.contains_key(text);
        self.last_seen.insert(text.to_owned(), at);
        is_new
    }

    /// Lets every code fire again on its next sighting.
    pub fn rearm(&mut self) {
        self.last_seen.clear();
    }

    fn forget_absent(&mut self, now: Instant) {
        self.last_seen
            .retain(|_, seen| now.saturating_duration_since(*seen) < ABSENCE_REARMS_AFTER);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(start: Instant, millis: u64) -> Instant {
        start + Duration::from_millis(millis)
    }

    #[test]
    fn a_code_in_consecutive_frames_fires_once() {
        let start = Instant::now();
        let mut debouncer = Debouncer::new();
        let fired: Vec<bool> = (0..30)
            .map(|frame| debouncer.is_new_appearance("A", ms(start, frame * 33)))
            .collect();
        assert_eq!(fired.iter().filter(|new| **new).count(), 1);
        assert!(fired[0]);
    }

    #[test]
    fn short_gaps_from_missed_frames_do_not_refire() {
        let start = Instant::now();
        let mut debouncer = Debouncer::new();
        assert!(debouncer.is_new_appearance("A", start));
        assert!(!debouncer.is_new_appearance("A", ms(start, 1200)));
        assert!(!debouncer.is_new_appearance("A", ms(start, 2400)));
    }

    #[test]
    fn a_code_absent_long_enough_fires_again() {
        let start = Instant::now();
        let mut debouncer = Debouncer::new();
        assert!(debouncer.is_new_appearance("A", start));
        assert!(debouncer.is_new_appearance("A", ms(start, 1600)));
    }

    #[test]
    fn rearm_lets_the_same_code_fire_while_still_in_view() {
        let start = Instant::now();
        let mut debouncer = Debouncer::new();
        assert!(debouncer.is_new_appearance("A", start));
        debouncer.rearm();
        assert!(debouncer.is_new_appearance("A", ms(start, 33)));
    }

    #[test]
    fn different_codes_fire_independently() {
        let start = Instant::now();
        let mut debouncer = Debouncer::new();
        assert!(debouncer.is_new_appearance("A", start));
        assert!(debouncer.is_new_appearance("B", ms(start, 10)));
        assert!(!debouncer.is_new_appearance("A", ms(start, 20)));
    }
}
