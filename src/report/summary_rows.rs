//! A report as titled tables of typed cells, so Excel and HTML print the same sections.

use super::Totals;
use super::cell::Cell;
use super::flat::{self, RowWords};
use super::shift_report::ShiftReport;
use super::wording::{self as w, OwnCheckpoint, Phrase};
use crate::config::Language;

pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub lines: Vec<Vec<Cell>>,
}

fn strings<const N: usize>(cells: [Phrase; N], lang: Language) -> Vec<String> {
    cells.iter().map(|cell| cell.say(lang).to_owned()).collect()
}

const BLANK: Phrase = Phrase::new("", "");

/// The totals table's rows: label then count.
pub fn totals_lines(totals: &Totals, lang: Language) -> Vec<Vec<Cell>> {
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
    let mut lines: Vec<Vec<Cell>> = w::TOTAL_LABELS
        .iter()
        .zip(counts)
        .map(|(label, count)| vec![Cell::text(label.say(lang)), Cell::count(count)])
        .collect();
    // The district's own passes, apart from colours (issue 25), when any was scanned.
    if totals.passes_valid + totals.passes_refused() > 0 {
        lines.extend(crate::model::PassVerdict::ALL.iter().map(|verdict| {
            vec![
                Cell::text(crate::text::passes::verdict_counted(*verdict).say(lang)),
                Cell::count(totals.passes(*verdict)),
            ]
        }));
    }
    lines
}

pub fn summary_rows(report: &ShiftReport, lang: Language, words: &RowWords<'_>) -> Vec<Section> {
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
                    let place = w::place_name(OwnCheckpoint::call(words.own, checkpoint_id), lang);
                    std::iter::once(Cell::text(place))
                        .chain(counts.into_iter().map(Cell::count))
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
                    Cell::minute(hour.hour_start.naive_local()),
                    Cell::count(hour.persons),
                    Cell::count(hour.vehicles),
                ]
            })
            .collect(),
    });
    for (title, column, groups, by_type) in [
        (
            w::VEHICLES_BY_TYPE,
            w::VEHICLE_TYPE,
            &report.vehicles_by_type,
            true,
        ),
        (
            w::VEHICLES_BY_ORIGIN,
            w::ORIGIN,
            &report.vehicles_by_origin,
            false,
        ),
    ] {
        sections.push(Section {
            title: title.say(lang).to_owned(),
            header: strings([column, w::VEHICLES, w::SENT_TO_INSPECTION], lang),
            lines: groups
                .iter()
                .map(|group| {
                    let label = if by_type {
                        flat::vehicle_type(&group.label, lang)
                    } else if group.label.trim().is_empty() {
                        w::NOT_GIVEN.say(lang).to_owned()
                    } else {
                        group.label.clone()
                    };
                    vec![
                        Cell::text(label),
                        Cell::count(group.vehicles),
                        Cell::count(group.diverted),
                    ]
                })
                .collect(),
        });
    }
    sections.push(exceptions_section(report, lang, words));
    sections.push(Section {
        title: w::ON_DUTY.say(lang).to_owned(),
        header: strings([w::NAME], lang),
        lines: report
            .on_duty
            .iter()
            .map(|name| vec![Cell::text(name.as_str())])
            .collect(),
    });
    if let Some(note) = handover_note(report) {
        sections.push(Section {
            title: w::HANDOVER_NOTE.say(lang).to_owned(),
            header: Vec::new(),
            lines: vec![vec![Cell::text(note)]],
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

fn exceptions_section(report: &ShiftReport, lang: Language, words: &RowWords<'_>) -> Section {
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
                    Cell::time(row.at.naive_local()),
                    Cell::text(w::reasons(row, lang)),
                    flat::code_label(Some(&row.label), lang),
                    row.temperature.map_or(Cell::Blank, Cell::celsius),
                    Cell::text(w::operator(&row.operator, lang)),
                    Cell::text(w::place_name(
                        OwnCheckpoint::call(words.own, &row.checkpoint_id),
                        lang,
                    )),
                    Cell::text(w::place_name(&row.gate, lang)),
                    Cell::text(row.void_reason.clone().unwrap_or_default()),
                ]
            })
            .collect(),
    }
}
