//! Hardware 2D scanners in keyboard-wedge mode: they "type" the payload as a burst of keystrokes
//! followed by Enter. This detector tells such a burst from a person typing, without any UI
//! dependency: the UI feeds it key events with their timestamps.
//!
//! A burst is at least [`MIN_SCAN_LENGTH`] characters, each arriving within [`MAX_KEY_GAP`] of
//! the previous one, ended by Enter within the same gap. The detector only observes: keys still
//! reach whatever has focus, and for slow (human) typing it never reports a scan.

use std::time::{Duration, Instant};

/// Scanners send keys a few milliseconds apart; people rarely type faster than ~80 ms per key.
pub const MAX_KEY_GAP: Duration = Duration::from_millis(30);
/// Health-code payloads are long; short fast bursts are more likely key repeat or chance.
pub const MIN_SCAN_LENGTH: usize = 8;

/// Collects fast keystrokes and reports a completed scan on Enter.
#[derive(Debug, Default)]
pub struct KeystrokeBurst {
    buffer: String,
    last_key_at: Option<Instant>,
}

impl KeystrokeBurst {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds one typed character.
    pub fn push_char(&mut self, c: char, at: Instant) {
        if !self.continues_burst(at) {
            self.buffer.clear();
        }
        if c.is_control() {
            self.clear();
            return;
        }
        self.buffer.push(c);
        self.last_key_at = Some(at);
    }

    /// Feeds Enter; returns the payload when the keys before it were a scanner burst.
    pub fn push_enter(&mut self, at: Instant) -> Option<String> {
        let is_scan = self.continues_burst(at) && self.buffer.chars().count() >= MIN_SCAN_LENGTH;
        let payload = std::mem::take(&mut self.buffer);
        self.last_key_at = None;
        is_scan.then_some(payload)
    }

    /// Whether keys are arriving at scanner speed right now: the UI may hold them back from a
    /// text field until the burst ends or times out.
    pub fn is_in_burst(&self, now: Instant) -> bool {
        !self.buffer.is_empty() && self.continues_burst(now)
    }

    /// Forgets everything (focus change, Escape).
    pub fn clear(&mut self) {
        self.buffer.clear();
        self.last_key_at = None;
    }

    fn continues_burst(&self, at: Instant) -> bool {
        self.last_key_at
            .is_some_and(|last| at.saturating_duration_since(last) <= MAX_KEY_GAP)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = "https://jkm.demo.checkpoint-kiosk.invalid/v?t=ab12";

    fn type_text(burst: &mut KeystrokeBurst, text: &str, start: Instant, gap_ms: u64) -> Instant {
        let mut at = start;
        for c in text.chars() {
            at += Duration::from_millis(gap_ms);
            burst.push_char(c, at);
        }
        at + Duration::from_millis(gap_ms)
    }

    #[test]
    fn a_fast_burst_ended_by_enter_is_a_scan() {
        let mut burst = KeystrokeBurst::new();
        let end = type_text(&mut burst, PAYLOAD, Instant::now(), 4);
        assert_eq!(burst.push_enter(end).as_deref(), Some(PAYLOAD));
    }

    #[test]
    fn human_typing_is_not_a_scan() {
        let mut burst = KeystrokeBurst::new();
        let end = type_text(&mut burst, "zhang san 138", Instant::now(), 120);
        assert_eq!(burst.push_enter(end), None);
    }

    #[test]
    fn a_short_fast_burst_is_not_a_scan() {
        let mut burst = KeystrokeBurst::new();
        let end = type_text(&mut burst, "1234567", Instant::now(), 4);
        assert_eq!(burst.push_enter(end), None);
    }

    #[test]
    fn enter_long_after_the_burst_is_not_a_scan() {
        let mut burst = KeystrokeBurst::new();
        let end = type_text(&mut burst, PAYLOAD, Instant::now(), 4);
        assert_eq!(burst.push_enter(end + Duration::from_millis(500)), None);
    }

    #[test]
    fn slow_keys_before_a_burst_are_not_part_of_the_payload() {
        let mut burst = KeystrokeBurst::new();
        let start = Instant::now();
        let after_typing = type_text(&mut burst, "abc", start, 150);
        let end = type_text(
            &mut burst,
            PAYLOAD,
            after_typing + Duration::from_secs(1),
            5,
        );
        assert_eq!(burst.push_enter(end).as_deref(), Some(PAYLOAD));
    }

    #[test]
    fn a_burst_is_in_progress_only_while_keys_keep_coming_fast() {
        let mut burst = KeystrokeBurst::new();
        let start = Instant::now();
        burst.push_char('a', start);
        assert!(burst.is_in_burst(start + Duration::from_millis(10)));
        assert!(!burst.is_in_burst(start + Duration::from_millis(200)));
    }
}
