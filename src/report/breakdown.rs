//! The hourly picture of a report: the store's per-hour counts folded into 24 clock slots.

use super::HourCount;

/// People and vehicles per clock hour 0–23 (index = hour), summed over the report's days: the
/// hourly chart always has 24 whole-hour slots, whatever hours the report covers.
pub fn clock_hours(hours: &[HourCount]) -> [(u64, u64); 24] {
    let mut slots = [(0u64, 0u64); 24];
    for hour in hours {
        let index = chrono::Timelike::hour(&hour.hour_start) as usize;
        if let Some(slot) = slots.get_mut(index) {
            slot.0 = slot.0.saturating_add(hour.persons);
            slot.1 = slot.1.saturating_add(hour.vehicles);
        }
    }
    slots
}
