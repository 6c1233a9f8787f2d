//! The district's day report as SQL on the server: per checkpoint and in total, entries, people
//! in and out, vehicles, fevers, colours, decisions, repeats and voids, and people and vehicles
//! per local clock hour. Counted exactly as a kiosk's local report counts (`report::Totals`,
//! voided entries only in `voided`), so for the same entries the district's figures are the sum
//! of the kiosks' figures. The human forms (CSV, HTML, Excel) speak Chinese or English, name
//! checkpoints and gates, and say how voided entries are counted (`text::district`).

use std::collections::BTreeMap;
use std::io::Write;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use postgres::Client;
use serde::Serialize;

use super::DistrictError;
use crate::config::Language;
use crate::text::district as words;

/// The figures of one checkpoint, or of all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Figures {
    /// People and vehicles, voided entries not included.
    pub entries: u64,
    pub people: u64,
    pub people_in: u64,
    pub people_out: u64,
    pub vehicles: u64,
    pub vehicles_in: u64,
    pub vehicles_out: u64,
    pub fevers: u64,
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    pub colour_unknown: u64,
    pub passed: u64,
    pub denied: u64,
    pub referred: u64,
    pub diverted: u64,
    pub repeats: u64,
    pub voided: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckpointFigures {
    pub checkpoint_id: String,
    /// The checkpoint's name and its gates, as its kiosks last told the server (empty before a
    /// kiosk of this version synced).
    pub checkpoint_name: String,
    pub gates: Vec<String>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// Entries that started in one local clock hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HourFigures {
    pub hour_start: DateTime<FixedOffset>,
    pub people: u64,
    pub vehicles: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistrictReport {
    pub date: NaiveDate,
    pub utc_offset: String,
    pub total: Figures,
    pub checkpoints: Vec<CheckpointFigures>,
    pub hours: Vec<HourFigures>,
}

/// One GROUPING SETS query gives every checkpoint and the total; `live` leaves voided out.
/// It reads `district_counts` (counts per checkpoint, quarter hour and counted facts: the only
/// thing the reader role may read, issue 24), never an entry's row.
const FIGURES_SQL: &str = "
    WITH day AS (
        SELECT checkpoint_id, kind, direction, colour, decision, fever, is_repeat,
               NOT voided AS live, entries
        FROM district_counts($1, $2)
    )
    SELECT checkpoint_id, grouping(checkpoint_id) = 1 AS is_total,
        coalesce(sum(entries) FILTER (WHERE live), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 0 AND direction = 0), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 0 AND direction = 1), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 1 AND direction = 0), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 1 AND direction = 1), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND fever), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 0 AND colour = 0), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 0 AND colour = 1), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 0 AND colour = 2), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND kind = 0 AND colour = 3), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND decision = 0), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND decision = 1), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND decision = 2), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND decision = 3), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE live AND is_repeat), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE NOT live), 0)::int8
    FROM day
    GROUP BY GROUPING SETS ((checkpoint_id), ())
    ORDER BY is_total, checkpoint_id";

/// Names and gates as each kiosk last said them (`kiosk_seen`, schema step 2).
const NAMES_SQL: &str = "
    SELECT checkpoint_id,
        coalesce(string_agg(DISTINCT nullif(checkpoint_name, ''), ' / '), ''),
        coalesce(array_agg(DISTINCT gate ORDER BY gate) FILTER (WHERE gate <> ''), '{}'::text[])
    FROM kiosk_contact GROUP BY checkpoint_id";

const NAMES_READABLE_SQL: &str = "
    SELECT to_regclass('kiosk_contact') IS NOT NULL
       AND has_table_privilege('kiosk_contact', 'SELECT')";

/// How a human form of the report is worded: its language and the district's name.
#[derive(Debug, Clone, Default)]
pub struct Wording {
    pub lang: Language,
    /// "幸福街道"; empty: "全区" / "District".
    pub district_name: String,
}

impl Wording {
    /// "幸福街道 日报 2026-11-20" / "District day report 2026-11-20".
    pub fn title(&self, date: NaiveDate) -> String {
        let name = if self.district_name.trim().is_empty() {
            words::DISTRICT.say(self.lang).to_owned()
        } else {
            self.district_name.trim().to_owned()
        };
        format!("{name} {} {date}", words::DAY_REPORT.say(self.lang))
    }
}

/// Quarter hours add up to local hours in every time zone (offsets are whole quarter hours).
const HOURS_SQL: &str = "
    SELECT floor((extract(epoch FROM bucket_start)::float8 + $3::float8) / 3600)::bigint AS local_hour,
        coalesce(sum(entries) FILTER (WHERE kind = 0), 0)::int8,
        coalesce(sum(entries) FILTER (WHERE kind = 1), 0)::int8
    FROM district_counts($1, $2)
    WHERE NOT voided
    GROUP BY local_hour ORDER BY local_hour";

/// The local day `date` in `tz` as UTC bounds `[from, to)`.
pub fn day_bounds(date: NaiveDate, tz: FixedOffset) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let midnight = date.and_hms_opt(0, 0, 0)?;
    let from = tz
        .from_local_datetime(&midnight)
        .single()?
        .with_timezone(&Utc);
    Some((from, from.checked_add_signed(Duration::days(1))?))
}

impl DistrictReport {
    /// Runs the report's two queries on the server (as the `district` role or the owner).
    pub fn build(
        client: &mut Client,
        date: NaiveDate,
        tz: FixedOffset,
    ) -> Result<DistrictReport, DistrictError> {
        let (from, to) = day_bounds(date, tz).ok_or_else(|| DistrictError::BadAddress {
            detail: format!("{date} has no midnight in {tz}"),
        })?;
        let mut total = Figures::default();
        let mut checkpoints = Vec::new();
        for row in client.query(FIGURES_SQL, &[&from, &to])? {
            let count = |index: usize| {
                row.try_get::<_, i64>(index)
                    .map_or(0, |count| count.max(0) as u64)
            };
            let people_in = count(3);
            let people_out = count(4);
            let vehicles_in = count(5);
            let vehicles_out = count(6);
            let figures = Figures {
                entries: count(2),
                people: people_in + people_out,
                people_in,
                people_out,
                vehicles: vehicles_in + vehicles_out,
                vehicles_in,
                vehicles_out,
                fevers: count(7),
                green: count(8),
                yellow: count(9),
                red: count(10),
                colour_unknown: count(11),
                passed: count(12),
                denied: count(13),
                referred: count(14),
                diverted: count(15),
                repeats: count(16),
                voided: count(17),
            };
            if row.try_get::<_, bool>(1)? {
                total = figures;
            } else {
                // Checkpoint ids come from kiosks: shown cleaned and capped (issue 24).
                let checkpoint_id: Option<String> = row.try_get(0)?;
                checkpoints.push(CheckpointFigures {
                    checkpoint_id: crate::model::plain_text::clean_text(
                        checkpoint_id.as_deref().unwrap_or(""),
                        64,
                    ),
                    checkpoint_name: String::new(),
                    gates: Vec::new(),
                    figures,
                });
            }
        }
        name_checkpoints(client, &mut checkpoints)?;
        let offset_seconds = f64::from(tz.local_minus_utc());
        let mut hours = Vec::new();
        for row in client.query(HOURS_SQL, &[&from, &to, &offset_seconds])? {
            let local_hour: i64 = row.try_get(0)?;
            let start_utc = local_hour
                .checked_mul(3600)
                .and_then(|seconds| seconds.checked_sub(i64::from(tz.local_minus_utc())))
                .and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0))
                .ok_or_else(|| DistrictError::Server {
                    detail: format!("hour {local_hour} is out of range"),
                })?;
            hours.push(HourFigures {
                hour_start: start_utc.with_timezone(&tz),
                people: row.try_get::<_, i64>(1)?.max(0) as u64,
                vehicles: row.try_get::<_, i64>(2)?.max(0) as u64,
            });
        }
        Ok(DistrictReport {
            date,
            utc_offset: tz.to_string(),
            total,
            checkpoints,
            hours,
        })
    }

    /// Column titles and rows of the figures table (checkpoints, then the total), in `lang`.
    pub fn table(&self, lang: Language) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let header = words::FIGURE_COLUMNS
            .iter()
            .map(|phrase| phrase.say(lang))
            .collect();
        let gate_separator = crate::text::LIST_SEPARATOR.say(lang);
        let mut rows: Vec<Vec<String>> = self
            .checkpoints
            .iter()
            .map(|line| {
                figure_cells(
                    [
                        line.checkpoint_id.clone(),
                        line.checkpoint_name.clone(),
                        line.gates.join(gate_separator),
                    ],
                    &line.figures,
                )
            })
            .collect();
        rows.push(figure_cells(
            [
                words::TOTAL.say(lang).to_owned(),
                String::new(),
                String::new(),
            ],
            &self.total,
        ));
        (header, rows)
    }

    pub fn write_json(&self, out: &mut impl Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    }

    /// UTF-8 with a byte-order mark (Excel on Chinese Windows): the title, the figures, how
    /// voided entries are counted, then the hours.
    pub fn write_csv(&self, wording: &Wording, out: &mut impl Write) -> std::io::Result<()> {
        let lang = wording.lang;
        out.write_all(b"\xEF\xBB\xBF")?;
        writeln!(
            out,
            "{} ({} UTC{})\r",
            csv_cell(&wording.title(self.date)),
            words::TIME_ZONE.say(lang),
            self.utc_offset
        )?;
        let (header, rows) = self.table(lang);
        writeln!(out, "{}\r", header.join(","))?;
        for row in rows {
            let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
            writeln!(out, "{}\r", cells.join(","))?;
        }
        writeln!(out, "{}\r", csv_cell(words::VOIDED_NOTE.say(lang)))?;
        writeln!(
            out,
            "\r\n{},{},{}\r",
            words::HOUR.say(lang),
            words::PEOPLE.say(lang),
            words::VEHICLES.say(lang)
        )?;
        for hour in &self.hours {
            writeln!(
                out,
                "{},{},{}\r",
                hour.hour_start.format("%Y-%m-%d %H:00"),
                hour.people,
                hour.vehicles
            )?;
        }
        Ok(())
    }

    /// A printable page: the district's name and date, the figures, the note on voided entries,
    /// the hours.
    pub fn write_html(&self, wording: &Wording, out: &mut impl Write) -> std::io::Result<()> {
        let lang = wording.lang;
        let title = html_escape(&wording.title(self.date));
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
             <title>{title}</title>\n<style>{style}</style></head><body>\n<h1>{title}</h1>\
             <p>{zone}: UTC{offset}</p>",
            html_lang = crate::text::html_lang(lang),
            style = PRINT_STYLE,
            zone = words::TIME_ZONE.say(lang),
            offset = html_escape(&self.utc_offset)
        )?;
        self.write_html_tables(lang, out)?;
        writeln!(out, "</body></html>")
    }

    /// The figures table, the note and the hours table, for embedding in a page.
    pub fn write_html_tables(&self, lang: Language, out: &mut impl Write) -> std::io::Result<()> {
        let (header, rows) = self.table(lang);
        writeln!(out, "<table class=\"figures\"><thead><tr>")?;
        for name in header {
            write!(out, "<th>{}</th>", html_escape(name))?;
        }
        writeln!(out, "</tr></thead><tbody>")?;
        let last = rows.len().saturating_sub(1);
        for (index, row) in rows.into_iter().enumerate() {
            let class = if index == last {
                " class=\"total\""
            } else {
                ""
            };
            write!(out, "<tr{class}>")?;
            for cell in row {
                write!(out, "<td>{}</td>", html_escape(&cell))?;
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(
            out,
            "</tbody></table>\n<p class=\"note\">{}</p>\n<h2>{}</h2>\n\
             <table class=\"hours\"><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            html_escape(words::VOIDED_NOTE.say(lang)),
            words::PER_HOUR.say(lang),
            words::HOUR.say(lang),
            words::PEOPLE.say(lang),
            words::VEHICLES.say(lang)
        )?;
        for hour in &self.hours {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                hour.hour_start.format("%Y-%m-%d %H:00"),
                hour.people,
                hour.vehicles
            )?;
        }
        writeln!(out, "</table>")
    }

    /// An Excel workbook: the figures sheet (title, table, note) and the hours sheet.
    pub fn write_xlsx(
        &self,
        wording: &Wording,
        path: &std::path::Path,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        let mut workbook = self.workbook(wording)?;
        workbook.save(path)
    }

    /// The workbook's bytes, for a download.
    pub fn xlsx_bytes(&self, wording: &Wording) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut workbook = self.workbook(wording)?;
        workbook.save_to_buffer()
    }

    fn workbook(
        &self,
        wording: &Wording,
    ) -> Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError> {
        let lang = wording.lang;
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let (header, rows) = self.table(lang);
        let sheet = workbook.add_worksheet();
        sheet.set_name(words::SHEET_FIGURES.say(lang))?;
        sheet.write_string(
            0,
            0,
            format!("{} (UTC{})", wording.title(self.date), self.utc_offset),
        )?;
        for (column, name) in header.iter().enumerate() {
            sheet.write_string(1, column as u16, *name)?;
        }
        let text_columns = 3;
        for (index, row) in rows.iter().enumerate() {
            let line = index as u32 + 2;
            for (column, cell) in row.iter().enumerate() {
                if column < text_columns {
                    sheet.write_string(line, column as u16, cell)?;
                } else {
                    let number = cell.parse::<f64>().unwrap_or(0.0);
                    sheet.write_number(line, column as u16, number)?;
                }
            }
        }
        let note_line = rows.len() as u32 + 3;
        sheet.write_string(note_line, 0, words::VOIDED_NOTE.say(lang))?;
        let hours = workbook.add_worksheet();
        hours.set_name(words::SHEET_HOURS.say(lang))?;
        hours.write_string(0, 0, words::HOUR.say(lang))?;
        hours.write_string(0, 1, words::PEOPLE.say(lang))?;
        hours.write_string(0, 2, words::VEHICLES.say(lang))?;
        for (index, hour) in self.hours.iter().enumerate() {
            let line = index as u32 + 1;
            hours.write_string(
                line,
                0,
                hour.hour_start.format("%Y-%m-%d %H:00").to_string(),
            )?;
            hours.write_number(line, 1, hour.people as f64)?;
            hours.write_number(line, 2, hour.vehicles as f64)?;
        }
        Ok(workbook)
    }
}

const PRINT_STYLE: &str = "body{font-family:sans-serif;margin:1.5em}\
    table{border-collapse:collapse;margin:.5em 0}\
    th,td{border:1px solid #888;padding:.2em .5em;text-align:right}\
    td:nth-child(-n+3){text-align:left}tr.total{font-weight:bold}\
    .note{max-width:60em;font-size:.9em}@media print{body{margin:0}}";

/// Fills in each checkpoint's name and gates, when the server knows them and the role may read
/// them.
fn name_checkpoints(
    client: &mut Client,
    checkpoints: &mut [CheckpointFigures],
) -> Result<(), DistrictError> {
    let readable: bool = client.query_one(NAMES_READABLE_SQL, &[])?.get(0);
    if !readable {
        return Ok(());
    }
    let mut names: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for row in client.query(NAMES_SQL, &[])? {
        names.insert(row.get(0), (row.get(1), row.get(2)));
    }
    for line in checkpoints {
        if let Some((name, gates)) = names.remove(&line.checkpoint_id) {
            line.checkpoint_name = name;
            line.gates = gates;
        }
    }
    Ok(())
}

fn figure_cells(names: [String; 3], f: &Figures) -> Vec<String> {
    let mut cells: Vec<String> = names.into();
    cells.extend(
        [
            f.entries,
            f.people,
            f.people_in,
            f.people_out,
            f.vehicles,
            f.vehicles_in,
            f.vehicles_out,
            f.fevers,
            f.green,
            f.yellow,
            f.red,
            f.colour_unknown,
            f.passed,
            f.denied,
            f.referred,
            f.diverted,
            f.repeats,
            f.voided,
        ]
        .iter()
        .map(u64::to_string),
    );
    cells
}

/// Checkpoint ids come from kiosks: quote them, and defuse spreadsheet formulas.
fn csv_cell(cell: &str) -> String {
    let defused = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// Escapes text for HTML element content and quoted attributes.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
