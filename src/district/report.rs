//! The district's day report as SQL on the server: per checkpoint and in total, entries, people
//! in and out, vehicles, fevers, colours, decisions, repeats and voids, and people and vehicles
//! per local clock hour. Counted exactly as a kiosk's local report counts (`report::Totals`,
//! voided entries only in `voided`), so for the same entries the district's figures are the sum
//! of the kiosks' figures.

use std::io::Write;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use postgres::Client;
use serde::Serialize;

use super::DistrictError;

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
                    figures,
                });
            }
        }
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

    /// Column names and rows of the figures table (checkpoints, then the total).
    pub fn table(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let header = vec![
            "checkpoint_id",
            "entries",
            "people",
            "people_in",
            "people_out",
            "vehicles",
            "vehicles_in",
            "vehicles_out",
            "fevers",
            "green",
            "yellow",
            "red",
            "colour_unknown",
            "passed",
            "denied",
            "referred",
            "diverted",
            "repeats",
            "voided",
        ];
        let line = |name: &str, f: &Figures| {
            let mut cells = vec![name.to_owned()];
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
        };
        let mut rows: Vec<Vec<String>> = self
            .checkpoints
            .iter()
            .map(|checkpoint| line(&checkpoint.checkpoint_id, &checkpoint.figures))
            .collect();
        rows.push(line("total", &self.total));
        (header, rows)
    }

    pub fn write_json(&self, out: &mut impl Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self).map_err(std::io::Error::other)?;
        out.write_all(b"\n")
    }

    /// UTF-8 with a byte-order mark (Excel on Chinese Windows), the figures then the hours.
    pub fn write_csv(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(b"\xEF\xBB\xBF")?;
        let (header, rows) = self.table();
        writeln!(out, "{}\r", header.join(","))?;
        for row in rows {
            let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
            writeln!(out, "{}\r", cells.join(","))?;
        }
        writeln!(out, "\r\nhour_start,people,vehicles\r")?;
        for hour in &self.hours {
            writeln!(
                out,
                "{},{},{}\r",
                hour.hour_start.to_rfc3339(),
                hour.people,
                hour.vehicles
            )?;
        }
        Ok(())
    }

    pub fn write_html(&self, out: &mut impl Write) -> std::io::Result<()> {
        let (header, rows) = self.table();
        writeln!(
            out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
             <title>全区日报 {date}</title></head><body>\n<h1>全区日报 District day report {date} (UTC{offset})</h1>",
            date = self.date,
            offset = html_escape(&self.utc_offset)
        )?;
        writeln!(out, "<table border=\"1\"><tr>")?;
        for name in header {
            write!(out, "<th>{}</th>", html_escape(name))?;
        }
        writeln!(out, "</tr>")?;
        for row in rows {
            write!(out, "<tr>")?;
            for cell in row {
                write!(out, "<td>{}</td>", html_escape(&cell))?;
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(
            out,
            "</table>\n<h2>每小时 Per hour</h2>\n<table border=\"1\"><tr><th>hour</th><th>people</th><th>vehicles</th></tr>"
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
        writeln!(out, "</table></body></html>")
    }

    /// An Excel workbook: the figures sheet and the hours sheet.
    pub fn write_xlsx(&self, path: &std::path::Path) -> Result<(), rust_xlsxwriter::XlsxError> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let (header, rows) = self.table();
        let sheet = workbook.add_worksheet();
        sheet.set_name("全区日报")?;
        for (column, name) in header.iter().enumerate() {
            sheet.write_string(0, column as u16, *name)?;
        }
        for (index, row) in rows.iter().enumerate() {
            let line = index as u32 + 1;
            sheet.write_string(line, 0, &row[0])?;
            for (column, cell) in row.iter().enumerate().skip(1) {
                let number = cell.parse::<f64>().unwrap_or(0.0);
                sheet.write_number(line, column as u16, number)?;
            }
        }
        let hours = workbook.add_worksheet();
        hours.set_name("每小时")?;
        hours.write_string(0, 0, "hour_start")?;
        hours.write_string(0, 1, "people")?;
        hours.write_string(0, 2, "vehicles")?;
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
        workbook.save(path)
    }
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

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
