//! The shift report a leader prints or sends at handover, and the district's daily report
//! (the same report over a day at every checkpoint).

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use super::scope::ReportScope;
use crate::model::Shift;
use crate::store::aggregates::{
    ExceptionRow, HourCount, KeyRange, Totals, VehicleColumn, VehicleGroup,
};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftReport {
    pub scope: String,
    pub from: DateTime<FixedOffset>,
    /// `None` while the shift is still open.
    pub to: Option<DateTime<FixedOffset>>,
    pub shift: Option<Shift>,
    pub totals: Totals,
    /// Sorted by checkpoint id; one line for a single-checkpoint report.
    pub by_checkpoint: Vec<(String, Totals)>,
    pub per_hour: Vec<HourCount>,
    pub vehicles_by_type: Vec<VehicleGroup>,
    pub vehicles_by_origin: Vec<VehicleGroup>,
    pub exceptions: Vec<ExceptionRow>,
    /// The leader first, then everyone who signed in or recorded an entry (never the
    /// placeholder `UNNAMED_OPERATOR`).
    pub on_duty: Vec<String>,
}

impl ShiftReport {
    /// Builds the report with one aggregate query per section; `tz` sets the clock hours.
    pub fn build(
        store: &Store,
        scope: &ReportScope,
        tz: FixedOffset,
    ) -> Result<ShiftReport, StoreError> {
        let range = scope.key_range(store)?;
        let (totals, by_checkpoint) = store.totals_by_checkpoint(&range)?;
        Ok(ShiftReport {
            scope: scope.describe(),
            from: scope.from().with_timezone(&tz),
            to: Some(scope.to())
                .filter(|to| *to != DateTime::<Utc>::MAX_UTC)
                .map(|to| to.with_timezone(&tz)),
            shift: scope.shift().cloned(),
            totals,
            by_checkpoint,
            per_hour: store.per_hour(&range, tz)?,
            vehicles_by_type: store.vehicles_by(&range, VehicleColumn::Type)?,
            vehicles_by_origin: store.vehicles_by(&range, VehicleColumn::Origin)?,
            exceptions: store.exceptions(&range, tz)?,
            on_duty: on_duty(store, scope, &range)?,
        })
    }
}

/// Totals only, per checkpoint: the all-time (or any long range) summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub scope: String,
    pub totals: Totals,
    pub by_checkpoint: Vec<(String, Totals)>,
}

impl Summary {
    pub fn build(store: &Store, scope: &ReportScope) -> Result<Summary, StoreError> {
        let range = scope.key_range(store)?;
        let (totals, by_checkpoint) = store.totals_by_checkpoint(&range)?;
        Ok(Summary {
            scope: scope.describe(),
            totals,
            by_checkpoint,
        })
    }
}

fn on_duty(
    store: &Store,
    scope: &ReportScope,
    range: &KeyRange,
) -> Result<Vec<String>, StoreError> {
    let mut names: Vec<String> = scope
        .shift()
        .map(|shift| shift.leader.clone())
        .into_iter()
        .collect();
    let signed_in = store.signed_in_between(scope.from(), scope.to())?;
    let recorded = store.recording_operators(range)?;
    for name in signed_in
        .into_iter()
        .map(|operator| operator.name)
        .chain(recorded)
    {
        // Entries made before anyone signed in carry the placeholder, not a person.
        if name != crate::store::UNNAMED_OPERATOR && !names.contains(&name) {
            names.push(name);
        }
    }
    Ok(names)
}
