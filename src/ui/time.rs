//! Local-time helpers for what the volunteer reads on screen.

use chrono::{DateTime, Local, TimeZone, Utc};

/// Midnight of the local day containing `now`, in UTC (today's counters start there).
pub fn start_of_local_day(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&Local);
    let midnight = local.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default();
    Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or(now, |start| start.with_timezone(&Utc))
}

/// "14:05" in local time.
pub fn clock_text(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%H:%M").to_string()
}

/// "11-23 14:05:09" in local time, for log rows.
pub fn log_time_text(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%m-%d %H:%M:%S")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_starts_before_now_and_less_than_a_day_ago() {
        let now = Utc::now();
        let start = start_of_local_day(now);
        assert!(start <= now);
        assert!(now - start < chrono::Duration::hours(25));
    }
}
