//! Excel export with rust_xlsxwriter: a summary sheet, then People and Vehicles detail sheets
//! with fever rows highlighted, headers frozen and columns sized to their content.

use std::io::Write;

use chrono::FixedOffset;
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::ReportError;
use super::flat;
use super::record::{ExportRecord, RecordDetails};
use super::shift_report::ShiftReport;
use super::summary_rows::summary_rows;
use super::wording::{self as w, Heading};
use crate::config::Language;

/// Excel's row limit minus the header; longer detail lists continue on a new sheet.
const ROWS_PER_SHEET: usize = 1_048_575;
const FEVER_FILL: u32 = 0xFFC7CE;
const MAX_COLUMN_WIDTH: usize = 40;

/// Visits the export's records in order, as `export` streams them from the store; returns
/// how many it visited. Called once per detail kind (people, then vehicles).
pub type RecordSource<'a> = dyn FnMut(&mut dyn FnMut(&ExportRecord) -> std::io::Result<()>) -> Result<u64, ReportError>
    + 'a;

/// Writes the workbook to `out`. Detail rows are streamed from the store straight into the
/// sheets (no list of every record is built first).
pub fn write<W: Write + Send>(
    out: W,
    heading: &Heading,
    report: &ShiftReport,
    records: &mut RecordSource<'_>,
    tz: FixedOffset,
) -> Result<u64, ReportError> {
    let xlsx = |error: XlsxError| ReportError::Xlsx(error.to_string());
    let lang = heading.lang;
    let mut workbook = Workbook::new();
    summary_sheet(workbook.add_worksheet(), heading, report).map_err(xlsx)?;
    let mut written = 0;
    for (title, people) in [(w::SHEET_PEOPLE, true), (w::SHEET_VEHICLES, false)] {
        let mut sheets = DetailSheets::new(title.say(lang), lang);
        let mut failure = None;
        let visited = records(&mut |record| {
            if matches!(record.details, RecordDetails::Person(_)) != people {
                return Ok(());
            }
            sheets.write(&mut workbook, record, tz).map_err(|error| {
                let message = error.to_string();
                failure = Some(error);
                std::io::Error::other(message)
            })
        });
        visited.map_err(|error| failure.take().map_or(error, xlsx))?;
        sheets.finish(&mut workbook).map_err(xlsx)?;
        written += sheets.total;
    }
    workbook.save_to_writer(out).map_err(xlsx)?;
    Ok(written)
}

/// The detail sheets of one kind: "人员", then "人员 (2)" past Excel's row limit.
struct DetailSheets {
    title: &'static str,
    lang: Language,
    /// Index in the workbook of the sheet being filled.
    current: Option<usize>,
    part: usize,
    rows: usize,
    total: u64,
    widths: Vec<usize>,
}

impl DetailSheets {
    fn new(title: &'static str, lang: Language) -> Self {
        Self {
            title,
            lang,
            current: None,
            part: 0,
            rows: 0,
            total: 0,
            widths: Vec::new(),
        }
    }

    fn write(
        &mut self,
        workbook: &mut Workbook,
        record: &ExportRecord,
        tz: FixedOffset,
    ) -> Result<(), XlsxError> {
        if self.current.is_none() || self.rows == ROWS_PER_SHEET {
            self.finish(workbook)?;
            self.start(workbook)?;
        }
        let index = self.current.unwrap_or_default();
        let sheet = workbook.worksheet_from_index(index)?;
        self.rows += 1;
        self.total += 1;
        let row = self.rows as u32;
        let fever = Format::new().set_background_color(Color::RGB(FEVER_FILL));
        let highlighted = flat::is_fever(record);
        for (column, cell) in flat::cells(record, tz, self.lang).iter().enumerate() {
            if highlighted {
                sheet.write_string_with_format(row, column as u16, cell, &fever)?;
            } else {
                sheet.write_string(row, column as u16, cell)?;
            }
            if let Some(width) = self.widths.get_mut(column) {
                *width = (*width).max(display_width(cell));
            }
        }
        Ok(())
    }

    fn start(&mut self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        self.part += 1;
        let name = if self.part == 1 {
            self.title.to_owned()
        } else {
            format!("{} ({})", self.title, self.part)
        };
        // Rows go to a temporary file as they are written (in order, as the store streams
        // them): a sheet of a million rows would otherwise sit in memory several times over.
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        let titles = w::column_titles(self.lang);
        detail_header(sheet, &name, &titles)?;
        self.widths = titles.iter().map(|title| display_width(title)).collect();
        self.rows = 0;
        self.current = Some(workbook.worksheets().len() - 1);
        Ok(())
    }

    /// Sizes the columns of the sheet just filled and freezes its header.
    fn finish(&mut self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        let Some(index) = self.current.take() else {
            return Ok(());
        };
        let sheet = workbook.worksheet_from_index(index)?;
        for (column, width) in self.widths.iter().enumerate() {
            sheet.set_column_width(column as u16, (*width).min(MAX_COLUMN_WIDTH) as f64 + 2.0)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }
}

/// Columns a cell needs: a Chinese character is about two Latin ones wide.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn summary_sheet(
    sheet: &mut Worksheet,
    heading: &Heading,
    report: &ShiftReport,
) -> Result<(), XlsxError> {
    sheet.set_name(w::SHEET_SUMMARY.say(heading.lang))?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, &heading.title, &bold)?;
    let mut row = 1u32;
    for (label, value) in &heading.facts {
        sheet.write_string_with_format(row, 0, *label, &bold)?;
        sheet.write_string(row, 1, value)?;
        row += 1;
    }
    for section in summary_rows(report, heading.lang) {
        row += 1;
        sheet.write_string_with_format(row, 0, &section.title, &bold)?;
        row += 1;
        if !section.header.is_empty() {
            for (column, title) in section.header.iter().enumerate() {
                sheet.write_string_with_format(row, column as u16, title, &bold)?;
            }
            row += 1;
        }
        for line in section.lines {
            for (column, cell) in line.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(number) if column > 0 => sheet.write_number(row, column as u16, number)?,
                    _ => sheet.write_string(row, column as u16, cell)?,
                };
            }
            row += 1;
        }
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 22)?;
    Ok(())
}

fn detail_header(sheet: &mut Worksheet, name: &str, titles: &[&str]) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let header = Format::new().set_bold();
    for (column, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *title, &header)?;
    }
    Ok(())
}
