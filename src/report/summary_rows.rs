//! A report as titled tables of text cells, so Excel and HTML print the same sections.

use super::Totals;
use super::shift_report::ShiftReport;
use super::wording::{self as w, Phrase};
use crate::config::Language;

pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub lines: Vec<Vec<String>>,
}

fn strings<const N: usize>(cells: [Phrase; N], lang: Language) -> Vec<String> {
    cells.iter().map(|cell| cell.say(lang).to_owned()).collect()
}

const BLANK: Phrase = Phrase::new("", "");

/// The totals table's rows: label then count.
pub fn totals_lines(totals: &Totals, lang: Language) -> Vec<Vec<String>> {
    let counts = [
        totals.persons_in,
        totals.persons_out,
        totals.vehicles_in,
        totals.vehicles_out,
        totals.green,
        totals.yellow,
        totals.red,
        totals.colour_unknown,
        totals.fevers,
        totals.passed,
        totals.denied,
        totals.referred,
        totals.diverted,
        totals.repeats,
        totals.voided,
    ];
    w::TOTAL_LABELS
        .iter()
        .zip(counts)
        .map(|(label, count)| vec![label.say(lang).to_owned(), count.to_string()])
        .collect()
}

pub fn summary_rows(report: &ShiftReport, lang: Language) -> Vec<Section> {
    let mut sections = vec![Section {
        title: w::TOTALS.say(lang).to_owned(),
        header: strings([BLANK, w::COUNT], lang),
        lines: totals_lines(&report.totals, lang),
    }];
    if report.by_checkpoint.len() > 1 {
        sections.push(Section {
            title: w::BY_CHECKPOINT.say(lang).to_owned(),
            header: strings(
                [
                    w::CHECKPOINT,
                    w::PEOPLE,
                    w::VEHICLES,
                    w::TOTAL_LABELS[8],
                    w::TOTAL_LABELS[6],
                    w::TOTAL_LABELS[5],
                    w::SENT_TO_INSPECTION,
                ],
                lang,
            ),
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
        title: w::PER_HOUR.say(lang).to_owned(),
        header: strings([w::HOUR, w::PEOPLE, w::VEHICLES], lang),
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
        (w::VEHICLES_BY_TYPE, &report.vehicles_by_type),
        (w::VEHICLES_BY_ORIGIN, &report.vehicles_by_origin),
    ] {
        sections.push(Section {
            title: title.say(lang).to_owned(),
            header: strings([BLANK, w::VEHICLES, w::SENT_TO_INSPECTION], lang),
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
    sections.push(exceptions_section(report, lang));
    sections.push(Section {
        title: w::ON_DUTY.say(lang).to_owned(),
        header: strings([w::NAME], lang),
        lines: report
            .on_duty
            .iter()
            .map(|name| vec![name.clone()])
            .collect(),
    });
    if let Some(note) = handover_note(report) {
        sections.push(Section {
            title: w::HANDOVER_NOTE.say(lang).to_owned(),
            header: Vec::new(),
            lines: vec![vec![note]],
        });
    }
    sections
}

/// The closed shift's handover note, when the leader wrote one.
pub fn handover_note(report: &ShiftReport) -> Option<String> {
    report
        .shift
        .as_ref()
        .and_then(|shift| shift.handover_note.clone())
        .filter(|note| !note.trim().is_empty())
}

fn exceptions_section(report: &ShiftReport, lang: Language) -> Section {
    Section {
        title: w::EXCEPTIONS.say(lang).to_owned(),
        header: strings(
            [
                w::TIME,
                w::WHY,
                w::WHO,
                Phrase::new("°C", "°C"),
                w::OPERATOR,
                w::CHECKPOINT,
                w::GATE,
                w::VOID_REASON,
            ],
            lang,
        ),
        lines: report
            .exceptions
            .iter()
            .map(|row| {
                vec![
                    row.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    w::reasons(row, lang),
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
