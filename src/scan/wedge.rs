//! Hardware 2D scanners in keyboard-wedge mode: they "type" the payload as a burst of keystrokes
//! followed by Enter. This detector tells such a burst from a person typing, without any UI
//! dependency: the UI hands it each frame's keys and the frame's times, and it says which keys
//! were a scan and which were typed.
//!
//! A burst is at least [`MIN_SCAN_LENGTH`] characters, each arriving within [`MAX_KEY_GAP`] of
//! the previous one, ended by Enter within the same gap. Keys that may still be the start of a
//! burst are *held* (never shown to a text field) until either Enter makes them a scan or a pause
//! longer than the gap shows that a person typed them; then they are released in order. A run
//! of [`MIN_SCAN_LENGTH`] fast keys is a scanner's for sure, and then only a pause longer than
//! [`MAX_STALL_IN_BURST`] ends it (the laptop, not the scanner, paused).
//!
//! Window toolkits deliver keys in batches, one batch per frame, without per-key times: a batch
//! is spread evenly over the time since the previous frame ([`KeystrokeBurst::push_batch`]), so
//! a slow frame (which collects many keys) does not split a burst, and a person's keys, which
//! arrive one per frame, keep their real spacing.

use std::collections::VecDeque;
use std::time::Duration;

/// Scanners send keys a few milliseconds apart; people rarely type faster than ~80 ms per key,
/// and never eight keys plus Enter in a row at that pace. 30 ms proved too tight in the real
/// window: a scanner at 10 ms per key, delivered through a busy X server and slow frames, showed
/// gaps above 30 ms and leaked its digits into the temperature.
pub const MAX_KEY_GAP: Duration = Duration::from_millis(50);
/// Health-code payloads are long; short fast bursts are more likely key repeat or chance.
pub const MIN_SCAN_LENGTH: usize = 8;
/// Once [`MIN_SCAN_LENGTH`] keys came at a scanner's pace, no person is typing: a longer pause
/// is the laptop stalling (a busy CPU, a slow X server), not the end of the burst. Seen in the
/// real window on a loaded machine: a 10 ms-per-key scan split in two, its tail typed into the
/// temperature. A person answering the scanner's beep takes longer than this.
pub const MAX_STALL_IN_BURST: Duration = Duration::from_millis(500);
/// A payload longer than this is not a code (and would only fill memory).
pub const MAX_SCAN_LENGTH: usize = 4096;

/// A key the detector cares about; every other key goes straight to the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WedgeKey {
    Char(char),
    Enter,
    Backspace,
}

/// What became of the keys: a scanner's payload, or a key a person typed (in arrival order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WedgeOutput {
    Scan(String),
    Typed(WedgeKey),
}

/// Collects fast keystrokes and reports a completed scan on Enter.
#[derive(Debug, Default)]
pub struct KeystrokeBurst {
    /// Characters that may still be a scanner's burst, with their arrival time in seconds.
    held: VecDeque<(char, f64)>,
}

impl KeystrokeBurst {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the keys of one frame. `previous_frame` and `now` are the times (seconds, any
    /// monotonic clock) of the previous frame and this one: the keys arrived in between, so they
    /// are spread evenly over that span, the last one at `now`. Returns what may be acted on
    /// now; keys that may still be part of a burst stay held (see [`Self::is_holding`]).
    pub fn push_batch(
        &mut self,
        keys: &[WedgeKey],
        previous_frame: f64,
        now: f64,
    ) -> Vec<WedgeOutput> {
        let mut out = Vec::new();
        let span = (now - previous_frame).max(0.0);
        let count = keys.len();
        for (index, key) in keys.iter().enumerate() {
            // Evenly spaced, the last key at `now`; index < count, so the factor is in 0..1.
            let remaining = (count - 1 - index) as f64;
            let at = now - span * remaining / count as f64;
            self.push(*key, at, &mut out);
        }
        out.extend(self.release_if_paused(now));
        out
    }

    /// Feeds one key with its own arrival time (seconds).
    pub fn push_key(&mut self, key: WedgeKey, at: f64) -> Vec<WedgeOutput> {
        let mut out = Vec::new();
        self.push(key, at, &mut out);
        out
    }

    /// Releases the held keys as typed once no burst can continue them (called every frame).
    pub fn release_if_paused(&mut self, now: f64) -> Vec<WedgeOutput> {
        if self.continues_burst(now) {
            return Vec::new();
        }
        self.release_all()
    }

    /// Whether keys are held back waiting to see if they are a scanner's burst: the window
    /// should draw again soon so that they are released without waiting for another key.
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }

    /// Forgets everything held (focus change, Escape).
    pub fn clear(&mut self) {
        self.held.clear();
    }

    fn push(&mut self, key: WedgeKey, at: f64, out: &mut Vec<WedgeOutput>) {
        match key {
            WedgeKey::Char(c) if c.is_control() => {}
            WedgeKey::Char(c) => {
                if !self.continues_burst(at) || self.held.len() >= MAX_SCAN_LENGTH {
                    out.extend(self.release_all());
                }
                self.held.push_back((c, at));
            }
            WedgeKey::Enter => {
                let is_scan = self.continues_burst(at) && self.held.len() >= MIN_SCAN_LENGTH;
                if is_scan {
                    let payload = self.held.drain(..).map(|(c, _)| c).collect();
                    out.push(WedgeOutput::Scan(payload));
                } else {
                    out.extend(self.release_all());
                    out.push(WedgeOutput::Typed(WedgeKey::Enter));
                }
            }
            WedgeKey::Backspace => {
                // Scanners never correct themselves: a Backspace is a person's.
                out.extend(self.release_all());
                out.push(WedgeOutput::Typed(WedgeKey::Backspace));
            }
        }
    }

    fn release_all(&mut self) -> Vec<WedgeOutput> {
        self.held
            .drain(..)
            .map(|(c, _)| WedgeOutput::Typed(WedgeKey::Char(c)))
            .collect()
    }

    fn continues_burst(&self, at: f64) -> bool {
        let allowed = if self.held.len() >= MIN_SCAN_LENGTH {
            MAX_STALL_IN_BURST
        } else {
            MAX_KEY_GAP
        };
        self.held
            .back()
            .is_some_and(|&(_, last)| at - last <= allowed.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = "https://jkm.demo.checkpoint-kiosk.invalid/v?t=ab12";

    /// Types `text` one key at a time, `gap_ms` apart; returns the outputs and the end time.
    fn type_text(
        burst: &mut KeystrokeBurst,
        text: &str,
        start: f64,
        gap_ms: f64,
    ) -> (Vec<WedgeOutput>, f64) {
        let mut at = start;
        let mut out = Vec::new();
        for c in text.chars() {
            at += gap_ms / 1000.0;
            out.extend(burst.push_key(WedgeKey::Char(c), at));
            out.extend(burst.release_if_paused(at));
        }
        (out, at + gap_ms / 1000.0)
    }

    fn typed(text: &str) -> Vec<WedgeOutput> {
        text.chars()
            .map(|c| WedgeOutput::Typed(WedgeKey::Char(c)))
            .collect()
    }

    #[test]
    fn a_fast_burst_ended_by_enter_is_a_scan() {
        let mut burst = KeystrokeBurst::new();
        let (out, end) = type_text(&mut burst, PAYLOAD, 10.0, 4.0);
        assert!(out.is_empty(), "nothing reaches the window during a burst");
        assert_eq!(
            burst.push_key(WedgeKey::Enter, end),
            vec![WedgeOutput::Scan(PAYLOAD.into())]
        );
        assert!(!burst.is_holding());
    }

    #[test]
    fn regression_a_burst_that_stalls_mid_way_on_a_busy_laptop_is_still_one_scan() {
        let mut burst = KeystrokeBurst::new();
        let (head, tail) = PAYLOAD.split_at(12);
        let (out, end) = type_text(&mut burst, head, 10.0, 10.0);
        assert!(out.is_empty());
        assert!(burst.release_if_paused(end + 0.3).is_empty(), "still held");
        let (out, end) = type_text(&mut burst, tail, end + 0.3, 10.0);
        assert!(out.is_empty(), "the tail reaches no text field: {out:?}");
        assert_eq!(
            burst.push_key(WedgeKey::Enter, end),
            vec![WedgeOutput::Scan(PAYLOAD.into())]
        );
    }

    #[test]
    fn a_burst_without_enter_is_released_once_it_has_stopped_for_longer_than_a_stall() {
        let mut burst = KeystrokeBurst::new();
        let (_, end) = type_text(&mut burst, PAYLOAD, 10.0, 4.0);
        assert!(burst.release_if_paused(end + 0.2).is_empty());
        assert_eq!(burst.release_if_paused(end + 0.6), typed(PAYLOAD));
    }

    #[test]
    fn human_typing_is_released_as_typed_keys_in_order() {
        let mut burst = KeystrokeBurst::new();
        let (mut out, end) = type_text(&mut burst, "zhang san 138", 10.0, 120.0);
        out.extend(burst.push_key(WedgeKey::Enter, end));
        let mut expected = typed("zhang san 138");
        expected.push(WedgeOutput::Typed(WedgeKey::Enter));
        assert_eq!(out, expected);
    }

    #[test]
    fn a_short_fast_burst_is_typed_not_scanned() {
        let mut burst = KeystrokeBurst::new();
        let (mut out, end) = type_text(&mut burst, "1234567", 10.0, 4.0);
        out.extend(burst.push_key(WedgeKey::Enter, end));
        let mut expected = typed("1234567");
        expected.push(WedgeOutput::Typed(WedgeKey::Enter));
        assert_eq!(out, expected);
    }

    #[test]
    fn enter_long_after_the_burst_is_not_a_scan() {
        let mut burst = KeystrokeBurst::new();
        let (_, end) = type_text(&mut burst, PAYLOAD, 10.0, 4.0);
        let out = burst.push_key(WedgeKey::Enter, end + 1.0);
        assert_eq!(out.last(), Some(&WedgeOutput::Typed(WedgeKey::Enter)));
        assert!(!out.iter().any(|o| matches!(o, WedgeOutput::Scan(_))));
    }

    #[test]
    fn slow_keys_before_a_burst_are_not_part_of_the_payload() {
        let mut burst = KeystrokeBurst::new();
        let (out, after_typing) = type_text(&mut burst, "abc", 10.0, 150.0);
        let mut released = out;
        released.extend(burst.release_if_paused(after_typing + 1.0));
        assert_eq!(released, typed("abc"));
        let (out, end) = type_text(&mut burst, PAYLOAD, after_typing + 1.0, 5.0);
        assert!(out.is_empty());
        assert_eq!(
            burst.push_key(WedgeKey::Enter, end),
            vec![WedgeOutput::Scan(PAYLOAD.into())]
        );
    }

    #[test]
    fn held_keys_are_released_once_the_keys_pause() {
        let mut burst = KeystrokeBurst::new();
        assert!(burst.push_key(WedgeKey::Char('5'), 1.0).is_empty());
        assert!(burst.is_holding());
        assert!(
            burst.release_if_paused(1.010).is_empty(),
            "a burst may follow"
        );
        assert_eq!(burst.release_if_paused(1.2), typed("5"));
        assert!(!burst.is_holding());
    }

    #[test]
    fn a_slow_frame_holding_a_whole_burst_is_still_one_scan() {
        // 175 characters and Enter collected by one 600 ms frame: spread, they are 3.4 ms apart.
        let payload: String = "CKP1:"
            .chars()
            .chain(std::iter::repeat_n('A', 170))
            .collect();
        let mut keys: Vec<WedgeKey> = payload.chars().map(WedgeKey::Char).collect();
        keys.push(WedgeKey::Enter);
        let mut burst = KeystrokeBurst::new();
        assert_eq!(
            burst.push_batch(&keys, 5.0, 5.6),
            vec![WedgeOutput::Scan(payload)]
        );
    }

    #[test]
    fn a_burst_split_across_frames_is_one_scan() {
        let mut burst = KeystrokeBurst::new();
        let keys: Vec<WedgeKey> = PAYLOAD.chars().map(WedgeKey::Char).collect();
        let (first, rest) = keys.split_at(20);
        // Idle before the burst: the first frame comes long after the previous one.
        assert!(burst.push_batch(&first[..1], 0.0, 3.0).is_empty());
        assert!(burst.push_batch(&first[1..], 3.0, 3.06).is_empty());
        assert!(burst.push_batch(rest, 3.06, 3.15).is_empty());
        assert_eq!(
            burst.push_batch(&[WedgeKey::Enter], 3.15, 3.153),
            vec![WedgeOutput::Scan(PAYLOAD.into())]
        );
    }

    #[test]
    fn one_key_per_frame_keeps_a_persons_spacing() {
        let mut burst = KeystrokeBurst::new();
        let mut out = Vec::new();
        let mut frame = 0.0;
        for c in "36.5".chars() {
            out.extend(burst.push_batch(&[WedgeKey::Char(c)], frame, frame + 0.15));
            frame += 0.15;
        }
        out.extend(burst.push_batch(&[WedgeKey::Enter], frame, frame + 0.2));
        let mut expected = typed("36.5");
        expected.push(WedgeOutput::Typed(WedgeKey::Enter));
        assert_eq!(out, expected);
    }

    #[test]
    fn backspace_releases_what_was_held_before_it() {
        let mut burst = KeystrokeBurst::new();
        burst.push_key(WedgeKey::Char('3'), 1.0);
        let out = burst.push_key(WedgeKey::Backspace, 1.005);
        assert_eq!(
            out,
            vec![
                WedgeOutput::Typed(WedgeKey::Char('3')),
                WedgeOutput::Typed(WedgeKey::Backspace)
            ]
        );
    }
}
