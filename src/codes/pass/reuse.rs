//! A pass shown at two gates minutes apart was probably lent or copied: flag it.

use chrono::{DateTime, Duration, Utc};

pub use crate::model::records::ReuseConflict;

/// The most recent earlier use at another gate within `window` before `now`, if any. Uses at
/// the same gate are not conflicts (people go in and out).
pub fn pass_reuse_conflict(
    previous: &[(DateTime<Utc>, String)],
    now: DateTime<Utc>,
    gate: &str,
    window: Duration,
) -> Option<ReuseConflict> {
    previous
        .iter()
        .filter(|(at, other_gate)| other_gate != gate && *at <= now && now - *at <= window)
        .max_by_key(|(at, _)| *at)
        .map(|(at, other_gate)| ReuseConflict {
            previous_at: *at,
            previous_gate: other_gate.clone(),
            minutes_apart: (now - *at).num_minutes(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + minute * 60, 0).expect("time")
    }

    #[test]
    fn another_gate_within_the_window_is_a_conflict() {
        let previous = vec![(at(0), "东门".to_owned()), (at(5), "西门".to_owned())];
        let conflict =
            pass_reuse_conflict(&previous, at(8), "东门", Duration::minutes(10)).expect("conflict");
        assert_eq!(conflict.previous_gate, "西门");
        assert_eq!(conflict.minutes_apart, 3);
    }

    #[test]
    fn the_same_gate_or_an_old_use_is_not_a_conflict() {
        let previous = vec![(at(0), "东门".to_owned()), (at(1), "西门".to_owned())];
        assert!(pass_reuse_conflict(&previous, at(5), "东门", Duration::minutes(2)).is_none());
        assert!(
            pass_reuse_conflict(&previous[..1], at(5), "东门", Duration::minutes(60)).is_none()
        );
        assert!(pass_reuse_conflict(&[], at(5), "东门", Duration::minutes(60)).is_none());
    }
}
