//! How long a leader's PIN is refused after wrong ones: a 4-digit PIN has only 10,000 values, so
//! after a few wrong tries each further try waits, longer every time. Pure rules; the store
//! counts the tries (in its audit log, so the count survives a restart).

use chrono::{DateTime, Duration, Utc};

/// Wrong PINs in a row that cost nothing (typos in gloves happen).
pub const FREE_WRONG_PINS: u32 = 5;
/// The wait after the last free try; it doubles with each wrong PIN after it.
pub const FIRST_WAIT_SECS: i64 = 30;
/// The longest wait, so a leader is never locked out for the night.
pub const LONGEST_WAIT_SECS: i64 = 15 * 60;

/// How long to wait after `wrong_in_a_row` wrong PINs (none below [`FREE_WRONG_PINS`]).
pub fn wait_after(wrong_in_a_row: u32) -> Option<Duration> {
    let over = wrong_in_a_row.checked_sub(FREE_WRONG_PINS)?;
    let doubled = 1_i64
        .checked_shl(over.min(20))
        .and_then(|factor| factor.checked_mul(FIRST_WAIT_SECS))
        .unwrap_or(LONGEST_WAIT_SECS);
    Some(Duration::seconds(doubled.min(LONGEST_WAIT_SECS)))
}

/// Whole seconds still to wait at `now`, when the last of `wrong_in_a_row` wrong PINs was typed
/// at `last_wrong`; `None` when a PIN may be tried now.
pub fn seconds_to_wait(
    wrong_in_a_row: u32,
    last_wrong: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<i64> {
    let open_at = last_wrong? + wait_after(wrong_in_a_row)?;
    let left = (open_at - now).num_milliseconds();
    // Rounded up: "wait 0 s" is never said.
    (left > 0).then(|| (left + 999) / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_pins_cost_thirty_seconds_then_the_wait_doubles_up_to_a_limit() {
        assert_eq!(wait_after(4), None);
        assert_eq!(wait_after(5), Some(Duration::seconds(30)));
        assert_eq!(wait_after(6), Some(Duration::seconds(60)));
        assert_eq!(wait_after(7), Some(Duration::seconds(120)));
        assert_eq!(wait_after(40), Some(Duration::seconds(LONGEST_WAIT_SECS)));
        assert_eq!(
            wait_after(u32::MAX),
            Some(Duration::seconds(LONGEST_WAIT_SECS))
        );
    }

    #[test]
    fn the_wait_runs_from_the_last_wrong_pin_and_is_rounded_up() {
        let last = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        assert_eq!(seconds_to_wait(5, Some(last), last), Some(30));
        let later = last + Duration::milliseconds(29_500);
        assert_eq!(seconds_to_wait(5, Some(last), later), Some(1));
        assert_eq!(
            seconds_to_wait(5, Some(last), last + Duration::seconds(30)),
            None
        );
        assert_eq!(seconds_to_wait(3, Some(last), last), None);
        assert_eq!(seconds_to_wait(9, None, last), None);
    }
}
