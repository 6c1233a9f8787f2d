//! A report as titled tables of text cells, so Excel and HTML print the same sections.

use super::shift_report::ShiftReport;
use super::totals::Totals;

pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub lines: Vec<Vec<String>>,
}

fn strings<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|cell| (*cell).to_owned()).collect()
}

/// The totals table's rows: label then count.
pub fn totals_lines(totals: &Totals) -> Vec<Vec<String>> {
    [
        ("People in", totals.persons_in),
        ("People out", totals.persons_out),
        ("Vehicles in", totals.vehicles_in),
        ("Vehicles out", totals.vehicles_out),
        ("Green", totals.green),
        ("Yellow", totals.yellow),
        ("Red", totals.red),
        ("Colour not known", totals.colour_unknown),
        ("Fever", totals.fevers),
        ("Passed", totals.passed),
        ("Turned back", totals.denied),
        ("Handed over", totals.referred),
        ("Sent to inspection", totals.diverted),
        ("Repeats", totals.repeats),
        ("Voided", totals.voided),
    ]
    .into_iter()
    .map(|(label, count)| vec![label.to_owned(), count.to_string()])
    .collect()
}

pub fn summary_rows(report: &ShiftReport) -> Vec<Section> {
    let mut sections = vec![Section {
        title: "Totals".to_owned(),
        header: strings(["", "Count"]),
        lines: totals_lines(&report.totals),
    }];
    if report.by_checkpoint.len() > 1 {
        sections.push(Section {
            title: "By checkpoint".to_owned(),
            header: strings([
                "Checkpoint",
                "People",
                "Vehicles",
                "Fever",
                "Red",
                "Yellow",
                "Sent to inspection",
            ]),
            lines: report
                .by_checkpoint
                .iter()
                .map(|(checkpoint_id, totals)| {
                    let counts = [
                        totals.persons(),
                        totals.vehicles(),
                        totals.fevers,
                        totals.red,
                        totals.yellow,
                        totals.diverted,
                    ];
                    std::iter::once(checkpoint_id.clone())
                        .chain(counts.iter().map(u64::to_string))
                        .collect()
                })
                .collect(),
        });
    }
    sections.push(Section {
        title: "Per hour".to_owned(),
        header: strings(["Hour", "People", "Vehicles"]),
        lines: report
            .per_hour
            .iter()
            .map(|hour| {
                vec![
                    hour.hour_start.format("%Y-%m-%d %H:00").to_string(),
                    hour.persons.to_string(),
                    hour.vehicles.to_string(),
                ]
            })
            .collect(),
    });
    for (title, groups) in [
        ("Vehicles by type", &report.vehicles_by_type),
        ("Vehicles by origin", &report.vehicles_by_origin),
    ] {
        sections.push(Section {
            title: title.to_owned(),
            header: strings(["", "Vehicles", "Sent to inspection"]),
            lines: groups
                .iter()
                .map(|group| {
                    vec![
                        group.label.clone(),
                        group.vehicles.to_string(),
                        group.diverted.to_string(),
                    ]
                })
                .collect(),
        });
    }
    sections.push(exceptions_section(report));
    sections.push(Section {
        title: "On duty".to_owned(),
        header: strings(["Name"]),
        lines: report
            .on_duty
            .iter()
            .map(|name| vec![name.clone()])
            .collect(),
    });
    if let Some(note) = report
        .shift
        .as_ref()
        .and_then(|shift| shift.handover_note.clone())
    {
        sections.push(Section {
            title: "Handover note".to_owned(),
            header: Vec::new(),
            lines: vec![vec![note]],
        });
    }
    sections
}

fn exceptions_section(report: &ShiftReport) -> Section {
    Section {
        title: "Exceptions".to_owned(),
        header: strings([
            "Time",
            "Why",
            "Who",
            "°C",
            "Operator",
            "Checkpoint",
            "Gate",
            "Void reason",
        ]),
        lines: report
            .exceptions
            .iter()
            .map(|row| {
                vec![
                    row.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    row.reasons().join(", "),
                    row.label.clone(),
                    row.temperature
                        .map(|celsius| format!("{celsius:.1}"))
                        .unwrap_or_default(),
                    row.operator.clone(),
                    row.checkpoint_id.clone(),
                    row.gate.clone(),
                    row.void_reason.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}
