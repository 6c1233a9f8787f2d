//! The shift report as the Shift screen shows it, made once when the report arrives.

use chrono::{DateTime, Utc};

use crate::report::{ReportScope, ShiftReport, clock_hours, handover_note, wording};
use crate::text::Said;
use crate::text::report::TOTAL_LABELS;
use crate::ui::report_view::{ExceptionLine, ReportSheet};

/// The screen's view of `report`, for the checkpoint called `checkpoint_name`.
pub fn report_sheet(report: &ShiftReport, checkpoint_name: &str) -> ReportSheet {
    let scope = match &report.shift {
        Some(shift) => ReportScope::Shift(shift.clone()),
        None => ReportScope::Range {
            from: report.from.to_utc(),
            to: report.to.map_or(DateTime::<Utc>::MAX_UTC, |to| to.to_utc()),
            checkpoint_id: None,
        },
    };
    let title = |lang| wording::title(&scope, Some(checkpoint_name), report.from.timezone(), lang);
    ReportSheet {
        title: Said::in_both(title),
        totals: screen_totals(report),
        on_duty: report.on_duty.clone(),
        per_hour: clock_hours(&report.per_hour).to_vec(),
        exceptions: report
            .exceptions
            .iter()
            .map(|row| ExceptionLine {
                clock: row.at.format("%H:%M").to_string(),
                label: row.label.clone(),
                colour: row.colour,
                temperature: row.temperature,
                reasons: Said::in_both(|lang| wording::reasons(row, lang)),
                operator: row.operator.clone(),
            })
            .collect(),
        handover_note: handover_note(report),
    }
}

/// The catalogue's totals (as in the printed report), without "passed" and "colour not
/// known", which the volunteer's screen does not need.
fn screen_totals(report: &ShiftReport) -> Vec<(crate::text::Phrase, u64)> {
    let t = &report.totals;
    let labels = &TOTAL_LABELS;
    vec![
        (labels[0], t.persons_in),
        (labels[1], t.persons_out),
        (labels[2], t.vehicles_in),
        (labels[3], t.vehicles_out),
        (labels[4], t.green),
        (labels[5], t.yellow),
        (labels[6], t.red),
        (labels[8], t.fevers),
        (labels[10], t.denied),
        (labels[11], t.referred),
        (labels[12], t.diverted),
        (labels[13], t.repeats),
        (labels[14], t.voided),
    ]
}
